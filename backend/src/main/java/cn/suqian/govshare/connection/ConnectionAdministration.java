package cn.suqian.govshare.connection;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.RawJson;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_SETTING;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;
import static cn.suqian.govshare.db.schema.Tables.NOTIFICATION_CHANNEL;
import static cn.suqian.govshare.db.schema.Tables.NOTIFICATION_DELIVERY;
import static cn.suqian.govshare.db.schema.Tables.NOTIFICATION_SUBSCRIPTION;

/**
 * What the office (and a department, for its own targets) configures: probe settings of a target, probing a
 * target now, the thresholds, notification channels and subscriptions, and the record of deliveries.
 */
@Service
public class ConnectionAdministration {

    private final Db db;
    private final ConnectionProbing probing;
    private final ConnectionMonitor monitor;
    private final Organisations organisations;

    ConnectionAdministration(Db db, ConnectionProbing probing, ConnectionMonitor monitor, Organisations organisations) {
        this.db = db;
        this.probing = probing;
        this.monitor = monitor;
        this.organisations = organisations;
    }

    public record ProbeSettings(String expectedStatus, String expectedText, Integer timeoutMs, Integer certWarningDays) {
    }

    public Mono<ProbeSettings> probeSettings(CurrentUser user, String code, ProbeSettings s) {
        List<FieldProblem> p = new ArrayList<>();
        if (s.expectedStatus() != null && !ProbeSpec.validStatusList(s.expectedStatus())) {
            p.add(FieldProblem.of("expectedStatus", s.expectedStatus(), ProblemCode.EXPECTED_STATUS));
        }
        if (s.expectedText() != null && s.expectedText().length() > 200) {
            p.add(FieldProblem.maxLength("expectedText", s.expectedText(), 200));
        }
        if (s.timeoutMs() != null && (s.timeoutMs() < 100 || s.timeoutMs() > 60_000)) {
            p.add(FieldProblem.between("timeoutMs", s.timeoutMs(), 100, 60_000));
        }
        if (s.certWarningDays() != null && (s.certWarningDays() < 0 || s.certWarningDays() > 365)) {
            p.add(FieldProblem.between("certWarningDays", s.certWarningDays(), 0, 365));
        }
        if (!p.isEmpty()) {
            return Mono.error(new InvalidInputException(p));
        }
        return db.tx(dsl -> {
            var t = dsl.selectFrom(CONNECTION_TARGET).where(CONNECTION_TARGET.CODE.eq(code)).fetchOptional()
                    .filter(r -> user.mayRead(r.getOrganisationCode()))
                    .orElseThrow(() -> new NotFoundException("connection target", code));
            user.requireChange(t.getOrganisationCode());
            dsl.update(CONNECTION_TARGET)
                    .set(CONNECTION_TARGET.EXPECTED_STATUS, s.expectedStatus() == null ? "200-399" : s.expectedStatus())
                    .set(CONNECTION_TARGET.EXPECTED_TEXT, s.expectedText() == null || s.expectedText().isEmpty() ? null : s.expectedText())
                    .set(CONNECTION_TARGET.TIMEOUT_MS, s.timeoutMs() == null ? 5000 : s.timeoutMs())
                    .set(CONNECTION_TARGET.CERT_WARNING_DAYS, s.certWarningDays() == null ? 14 : s.certWarningDays())
                    .set(CONNECTION_TARGET.UPDATED_AT, OffsetDateTime.now())
                    .where(CONNECTION_TARGET.CODE.eq(code)).execute();
            var r = dsl.selectFrom(CONNECTION_TARGET).where(CONNECTION_TARGET.CODE.eq(code)).fetchOne();
            return new ProbeSettings(r.getExpectedStatus(), r.getExpectedText(), r.getTimeoutMs(), r.getCertWarningDays());
        });
    }

    /** Probes one target at once (not waiting for its turn) and records the result like any other check. */
    public Mono<CheckResult> checkNow(CurrentUser user, String code) {
        return db.tx(dsl -> {
            var t = dsl.selectFrom(CONNECTION_TARGET).where(CONNECTION_TARGET.CODE.eq(code)).and(CONNECTION_TARGET.RETIRED_AT.isNull())
                    .fetchOptional().filter(r -> user.mayRead(r.getOrganisationCode()))
                    .orElseThrow(() -> new NotFoundException("connection target", code));
            user.requireChange(t.getOrganisationCode());
            if (t.getProbe() == ConnectionTarget.Probe.HEARTBEAT || t.getAddress() == null) {
                throw new InvalidInputException(FieldProblem.of("code", code, ProblemCode.NOT_HEARTBEAT_TARGET));
            }
            return new ConnectionMonitor.Due(new ProbeSpec(t.getCode(), t.getProbe(), t.getAddress(), t.getTimeoutMs(), t.getExpectedStatus(),
                    t.getExpectedText(), t.getCertWarningDays()), false, t.getIntervalSeconds());
        }).flatMap(due -> probing.check(due)
                .flatMap(result -> Mono.fromCallable(() -> {
                    monitor.record(List.of(result));
                    return result;
                }).subscribeOn(db.scheduler())));
    }

    public Mono<Map<String, BigDecimal>> settings() {
        return db.tx(ConnectionSettings::all);
    }

    public Mono<Map<String, BigDecimal>> changeSettings(Map<String, BigDecimal> values) {
        return db.tx(dsl -> {
            Map<String, BigDecimal> known = ConnectionSettings.all(dsl);
            List<FieldProblem> p = new ArrayList<>();
            values.forEach((k, v) -> {
                if (!known.containsKey(k)) {
                    p.add(FieldProblem.of(k, v, ProblemCode.UNKNOWN_COLUMN));
                } else if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100_000)) > 0) {
                    p.add(FieldProblem.between(k, v, 0, 100_000));
                }
            });
            if (!p.isEmpty()) {
                throw new InvalidInputException(p);
            }
            values.forEach((k, v) -> dsl.update(CONNECTION_SETTING).set(CONNECTION_SETTING.VALUE, v)
                    .set(CONNECTION_SETTING.UPDATED_AT, OffsetDateTime.now()).where(CONNECTION_SETTING.NAME.eq(k)).execute());
            if (values.containsKey("raw_retention_days")) {
                // plain PostgreSQL: partition upkeep drops by this; TimescaleDB keeps the policy set by the migration
                dsl.execute("SELECT ts_set_retention('connection_check', make_interval(days => ?))",
                        Math.max(1, values.get("raw_retention_days").intValue()));
            }
            return ConnectionSettings.all(dsl);
        });
    }

    public Mono<List<NotificationChannel>> channels() {
        return db.tx(dsl -> dsl.selectFrom(NOTIFICATION_CHANNEL).orderBy(NOTIFICATION_CHANNEL.CODE)
                .fetch(r -> new NotificationChannel(r.getCode(), r.getName(), r.getKind(), r.getUrl(), r.getSecret(), r.getEmailTo(),
                        r.getEnabled(), r.getCreatedAt(), r.getUpdatedAt()).redacted()));
    }

    /** Creates or replaces a channel; a secret sent as "******" (as listed) keeps the stored one. */
    public Mono<NotificationChannel> saveChannel(String code, NotificationChannel c) {
        List<FieldProblem> p = new ArrayList<>();
        if (!code.matches("^[a-z][a-z0-9._-]{1,63}$")) {
            p.add(FieldProblem.codeFormat("code", code, 64, ". _ -"));
        }
        if (c.name() == null || c.name().isBlank()) {
            p.add(FieldProblem.required("name"));
        } else if (c.name().length() > 200) {
            p.add(FieldProblem.maxLength("name", c.name(), 200));
        }
        if (c.kind() == null) {
            p.add(FieldProblem.oneOf("kind", null, "WEBHOOK, EMAIL, WECOM, DINGTALK"));
        } else if (c.kind() == NotificationChannel.Kind.EMAIL) {
            if (c.emailTo() == null || !c.emailTo().matches("^[^@\\s,;]+@[^@\\s,;]+(\\s*[,;]\\s*[^@\\s,;]+@[^@\\s,;]+)*$")) {
                p.add(FieldProblem.of("emailTo", c.emailTo(), ProblemCode.INVALID_VALUE));
            }
        } else if (!httpUrl(c.url())) {
            p.add(FieldProblem.httpUrl("url", c.url()));
        }
        if (c.secret() != null && c.secret().length() > 200) {
            p.add(FieldProblem.maxLength("secret", "******", 200));
        }
        if (!p.isEmpty()) {
            return Mono.error(new InvalidInputException(p));
        }
        return db.tx(dsl -> {
            String secret = "******".equals(c.secret())
                    ? dsl.select(NOTIFICATION_CHANNEL.SECRET).from(NOTIFICATION_CHANNEL).where(NOTIFICATION_CHANNEL.CODE.eq(code)).fetchOne(NOTIFICATION_CHANNEL.SECRET)
                    : c.secret() == null || c.secret().isBlank() ? null : c.secret();
            String url = c.kind() == NotificationChannel.Kind.EMAIL ? null : c.url();
            String email = c.kind() == NotificationChannel.Kind.EMAIL ? c.emailTo() : null;
            boolean enabled = c.enabled() == null || c.enabled();
            dsl.insertInto(NOTIFICATION_CHANNEL)
                    .set(NOTIFICATION_CHANNEL.CODE, code).set(NOTIFICATION_CHANNEL.NAME, c.name().strip()).set(NOTIFICATION_CHANNEL.KIND, c.kind())
                    .set(NOTIFICATION_CHANNEL.URL, url).set(NOTIFICATION_CHANNEL.SECRET, secret).set(NOTIFICATION_CHANNEL.EMAIL_TO, email)
                    .set(NOTIFICATION_CHANNEL.ENABLED, enabled)
                    .onConflict(NOTIFICATION_CHANNEL.CODE).doUpdate()
                    .set(NOTIFICATION_CHANNEL.NAME, c.name().strip()).set(NOTIFICATION_CHANNEL.KIND, c.kind())
                    .set(NOTIFICATION_CHANNEL.URL, url).set(NOTIFICATION_CHANNEL.SECRET, secret).set(NOTIFICATION_CHANNEL.EMAIL_TO, email)
                    .set(NOTIFICATION_CHANNEL.ENABLED, enabled).set(NOTIFICATION_CHANNEL.UPDATED_AT, OffsetDateTime.now())
                    .execute();
            var r = dsl.selectFrom(NOTIFICATION_CHANNEL).where(NOTIFICATION_CHANNEL.CODE.eq(code)).fetchOne();
            return new NotificationChannel(r.getCode(), r.getName(), r.getKind(), r.getUrl(), r.getSecret(), r.getEmailTo(), r.getEnabled(),
                    r.getCreatedAt(), r.getUpdatedAt()).redacted();
        });
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = URI.create(url == null ? "" : url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public record Subscription(Long id, String channelCode, String organisationCode, String targetCode, List<NotificationEvent> events,
                               OffsetDateTime createdAt) {
    }

    public Mono<List<Subscription>> subscriptions() {
        return db.tx(dsl -> dsl.selectFrom(NOTIFICATION_SUBSCRIPTION).orderBy(NOTIFICATION_SUBSCRIPTION.ID)
                .fetch(r -> new Subscription(r.getId(), r.getChannelCode(), r.getOrganisationCode(), r.getTargetCode(),
                        List.of(r.getEvents()), r.getCreatedAt())));
    }

    public Mono<Subscription> subscribe(Subscription s) {
        return db.tx(dsl -> {
            List<FieldProblem> p = new ArrayList<>();
            if (s.channelCode() == null || !dsl.fetchExists(NOTIFICATION_CHANNEL, NOTIFICATION_CHANNEL.CODE.eq(s.channelCode()))) {
                p.add(FieldProblem.of("channelCode", s.channelCode(), ProblemCode.INVALID_VALUE));
            }
            if (s.organisationCode() != null && !organisations.exists(dsl, s.organisationCode())) {
                p.add(FieldProblem.unknownOrganisation("organisationCode", s.organisationCode()));
            }
            if (s.targetCode() != null && !dsl.fetchExists(CONNECTION_TARGET, CONNECTION_TARGET.CODE.eq(s.targetCode()))) {
                p.add(FieldProblem.of("targetCode", s.targetCode(), ProblemCode.UNKNOWN_CONNECTION_TARGET));
            }
            if (!p.isEmpty()) {
                throw new InvalidInputException(p);
            }
            NotificationEvent[] events = s.events() == null || s.events().isEmpty() ? NotificationEvent.INCIDENT_EVENTS.toArray(NotificationEvent[]::new)
                    : s.events().stream().distinct().toArray(NotificationEvent[]::new);
            var r = dsl.insertInto(NOTIFICATION_SUBSCRIPTION)
                    .set(NOTIFICATION_SUBSCRIPTION.CHANNEL_CODE, s.channelCode()).set(NOTIFICATION_SUBSCRIPTION.ORGANISATION_CODE, s.organisationCode())
                    .set(NOTIFICATION_SUBSCRIPTION.TARGET_CODE, s.targetCode()).set(NOTIFICATION_SUBSCRIPTION.EVENTS, events)
                    .returning().fetchOne();
            return new Subscription(r.getId(), r.getChannelCode(), r.getOrganisationCode(), r.getTargetCode(), List.of(r.getEvents()),
                    r.getCreatedAt());
        });
    }

    public Mono<Integer> unsubscribe(long id) {
        return db.tx(dsl -> {
            int n = dsl.deleteFrom(NOTIFICATION_SUBSCRIPTION).where(NOTIFICATION_SUBSCRIPTION.ID.eq(id)).execute();
            if (n == 0) {
                throw new NotFoundException("subscription", id);
            }
            return n;
        });
    }

    public Mono<PageResult<NotificationDelivery>> deliveries(Long incident, PageRequest page) {
        return db.tx(dsl -> {
            Condition c = incident == null ? DSL.noCondition() : NOTIFICATION_DELIVERY.INCIDENT_ID.eq(incident);
            long total = dsl.fetchCount(NOTIFICATION_DELIVERY, c);
            var items = dsl.selectFrom(NOTIFICATION_DELIVERY).where(c).orderBy(NOTIFICATION_DELIVERY.ID.desc())
                    .limit(page.size()).offset(page.offset())
                    .fetch(r -> new NotificationDelivery(r.getId(), r.getChannelCode(), r.getIncidentId(), r.getEvent(), r.getCreatedAt(),
                            r.getStatus(), r.getAttempts(), r.getLastAttemptAt(), r.getResponseStatus(), r.getError(), RawJson.of(r.getPayload())));
            return new PageResult<>(items, total, page.page(), page.size());
        });
    }
}
