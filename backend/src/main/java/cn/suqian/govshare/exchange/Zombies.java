package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.connection.ConnectionFacts;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_DAILY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_INFRASTRUCTURE_KEYWORD;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SYSTEM_ACTIVITY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ZOMBIE_DECISION;

/**
 * Zombie candidates (rule R9's evidence) that can be trusted. A candidate is a system the inventory says is
 * in use that shows, over the last {@code zombie_days}, no exchange traffic and no successful probe or
 * heartbeat — each source judged only where it can speak: traffic only for systems recognisable in it (with
 * exchange aliases), connection only for systems with connection targets. A system neither source can see is
 * no candidate (no evidence is not evidence of disuse). Infrastructure — the platform itself, networks,
 * security systems, recognised by owning the provincial link or by the configured name keywords — carries no
 * business traffic of its own and is judged by its probes and heartbeats only. Users are not known to
 * GovShare, and the report says so.
 * <p>
 * Confidence grows with how much of the period each negative source has actually watched: a source that
 * saw activity before the period and none since has watched it all; one that started watching a week ago has
 * watched a week. High: both sources, (nearly) the whole period. Medium: one source the whole period, both for
 * half of it, or both agreeing — traffic watched {@code zombie_min_traffic_days} and every target judged DOWN.
 * Low: less — provisional, listed only when asked for ({@code zombie_min_confidence}). The office
 * confirms (for cleanup) or dismisses (with a reason) a candidate; both are audited.
 */
@Component
public class Zombies {

    public enum Confidence { LOW, MEDIUM, HIGH }

    public enum Decision { CONFIRMED, DISMISSED }

    private final Db db;
    private final Inventory inventory;
    private final ConnectionFacts connection;

    Zombies(Db db, Inventory inventory, ConnectionFacts connection) {
        this.db = db;
        this.inventory = inventory;
        this.connection = connection;
    }

    /** The evidence of one candidate. {@code reason} is English, for API users; pages say {@code reasonCode} with {@code reasonParams}. */
    public record Candidate(String systemCode, String systemName, String organisationCode, LifecycleStatus lifecycleStatus,
                            boolean infrastructure, List<String> aliases, OffsetDateTime lastTraffic, OffsetDateTime trafficObservedSince,
                            int connectionTargets, OffsetDateTime lastSuccessfulCheck, OffsetDateTime connectionObservedSince,
                            boolean usersKnown, Confidence confidence, double coverage, String reason, ZombieReason reasonCode,
                            Map<String, Object> reasonParams, Decision decision, String decisionReason, String decidedBy,
                            OffsetDateTime decidedAt) {
    }

    public record Report(int days, OffsetDateTime since, OffsetDateTime observedSince, Confidence minConfidence, long total, int page,
                         int size, Map<Confidence, Integer> byConfidence, List<Candidate> items) {
    }

    /** Candidates now of the organisation asked for (a department: its own), at least {@code minConfidence}, paged. */
    public Mono<Report> find(CurrentUser user, String organisation, Confidence minConfidence, boolean includeDismissed, PageRequest page) {
        String org = ExchangeReports.scope(user, organisation);
        return db.tx(dsl -> find(dsl, OffsetDateTime.now(), org, minConfidence, includeDismissed, page));
    }

    /**
     * The organisation's zombie candidates as measured now (at least the configured confidence, dismissed ones
     * left out), inside the caller's transaction: for the annual report.
     */
    public Report find(DSLContext dsl, String organisation) {
        return find(dsl, OffsetDateTime.now(), organisation, null, false, new PageRequest(0, PageRequest.MAX_SIZE));
    }

    Report find(DSLContext dsl, OffsetDateTime now, String organisation, Confidence minConfidence, boolean includeDismissed, PageRequest page) {
        List<Candidate> all = candidates(dsl, now, organisation);
        int configured = AnomalyDetector.thresholds(dsl).getOrDefault("zombie_min_confidence", 1.0).intValue();
        Confidence min = minConfidence != null ? minConfidence : Confidence.values()[Math.max(0, Math.min(2, configured))];
        List<Candidate> listed = all.stream()
                .filter(c -> c.confidence().compareTo(min) >= 0)
                .filter(c -> includeDismissed || c.decision() != Decision.DISMISSED)
                .toList();
        Map<Confidence, Integer> counts = new java.util.EnumMap<>(Confidence.class);
        for (Confidence c : Confidence.values()) {
            counts.put(c, 0);
        }
        all.stream().filter(c -> includeDismissed || c.decision() != Decision.DISMISSED).forEach(c -> counts.merge(c.confidence(), 1, Integer::sum));
        int days = days(dsl);
        List<Candidate> items = listed.stream().skip(page.offset()).limit(page.size()).toList();
        return new Report(days, now.minusDays(days), trafficObservedSince(dsl), min, listed.size(), page.page(), page.size(), counts, items);
    }

    static int days(DSLContext dsl) {
        return AnomalyDetector.thresholds(dsl).getOrDefault("zombie_days", 180.0).intValue();
    }

    private static OffsetDateTime trafficObservedSince(DSLContext dsl) {
        LocalDate firstDay = dsl.select(DSL.min(EXCHANGE_DAILY.DAY)).from(EXCHANGE_DAILY).fetchOne().value1();
        return firstDay == null ? null : firstDay.atStartOfDay(PeriodPlan.ZONE).toOffsetDateTime();
    }

    /** Every candidate now (dismissed ones included, with their decision), inside the caller's transaction (rule R9's evidence). */
    public List<Candidate> candidates(DSLContext dsl, OffsetDateTime now, String organisation) {
        int days = days(dsl);
        int minTrafficDays = AnomalyDetector.thresholds(dsl).getOrDefault("zombie_min_traffic_days", 7.0).intValue();
        OffsetDateTime since = now.minusDays(days);
        Map<String, OffsetDateTime> lastSeen = new HashMap<>();
        dsl.select(EXCHANGE_SYSTEM_ACTIVITY.SYSTEM_CODE, EXCHANGE_SYSTEM_ACTIVITY.LAST_SEEN).from(EXCHANGE_SYSTEM_ACTIVITY)
                .forEach(r -> lastSeen.put(r.value1(), r.value2()));
        OffsetDateTime trafficSince = trafficObservedSince(dsl);
        Map<String, ConnectionFacts.Activity> activity = connection.activity(dsl);
        Set<String> platform = connection.platformSystems(dsl);
        List<String> keywords = dsl.select(EXCHANGE_INFRASTRUCTURE_KEYWORD.KEYWORD).from(EXCHANGE_INFRASTRUCTURE_KEYWORD)
                .fetch(EXCHANGE_INFRASTRUCTURE_KEYWORD.KEYWORD);
        Map<String, org.jooq.Record> decisions = new HashMap<>();
        dsl.selectFrom(EXCHANGE_ZOMBIE_DECISION).forEach(r -> decisions.put(r.getSystemCode(), r));
        List<Candidate> out = new ArrayList<>();
        for (Inventory.SystemRef s : inventory.active(dsl)) {
            if (organisation != null && !organisation.equals(s.organisationCode())) {
                continue;
            }
            if (s.lifecycleStatus() == LifecycleStatus.RETIRED || s.lifecycleStatus() == LifecycleStatus.ZOMBIE) {
                continue; // retired, or already declared a zombie by its owner: nothing to find
            }
            boolean infrastructure = platform.contains(s.code()) || keywords.stream().anyMatch(k -> s.name().contains(k));
            boolean trafficApplies = !infrastructure && !s.exchangeAliases().isEmpty();
            ConnectionFacts.Activity a = activity.get(s.code());
            boolean connectionApplies = a != null && a.targets() > 0;
            if (!trafficApplies && !connectionApplies) {
                continue;
            }
            OffsetDateTime traffic = lastSeen.get(s.code());
            if (trafficApplies && traffic != null && !traffic.isBefore(since)) {
                continue; // traffic within the period: in use
            }
            OffsetDateTime success = connectionApplies ? a.lastSuccessAt() : null;
            if (connectionApplies && success != null && !success.isBefore(since)) {
                continue; // a successful probe or heartbeat within the period: alive
            }
            double coverage = 0;
            int sources = 0;
            if (trafficApplies) {
                sources++;
                coverage += traffic != null ? 1.0 : watched(trafficSince, now, days);
            }
            if (connectionApplies) {
                sources++;
                coverage += success != null ? 1.0 : watched(a.observedSince(), now, days);
            }
            // two independent sources agreeing — traffic watched long enough and every target judged DOWN by the N/M rule — is more
            // than either alone, even before the whole period has been watched
            boolean agree = sources == 2 && a.targetsDown() == a.targets() && trafficSince != null
                    && !trafficSince.isAfter(now.minusDays(minTrafficDays));
            Confidence confidence = sources == 2 && coverage >= 1.9 ? Confidence.HIGH
                    : coverage >= 0.95 || (sources == 2 && coverage >= 0.5) || agree ? Confidence.MEDIUM : Confidence.LOW;
            ZombieReason reason = infrastructure ? ZombieReason.INFRASTRUCTURE_NO_CONNECTION
                    : trafficApplies && connectionApplies ? ZombieReason.NO_TRAFFIC_NO_CONNECTION
                    : trafficApplies ? ZombieReason.NO_TRAFFIC_NO_TARGET : ZombieReason.NO_CONNECTION_NO_ALIAS;
            Map<String, Object> params = reason.params(days);
            var d = decisions.get(s.code());
            out.add(new Candidate(s.code(), s.name(), s.organisationCode(), s.lifecycleStatus(), infrastructure, s.exchangeAliases(),
                    traffic, trafficApplies ? trafficSince : null, connectionApplies ? a.targets() : 0, success,
                    connectionApplies ? a.observedSince() : null, false, confidence, Math.round(coverage / sources * 100) / 100.0,
                    reason.english(params), reason, params,
                    d == null ? null : d.get(EXCHANGE_ZOMBIE_DECISION.DECISION), d == null ? null : d.get(EXCHANGE_ZOMBIE_DECISION.REASON),
                    d == null ? null : d.get(EXCHANGE_ZOMBIE_DECISION.DECIDED_BY), d == null ? null : d.get(EXCHANGE_ZOMBIE_DECISION.DECIDED_AT)));
        }
        out.sort(Comparator.comparing(Candidate::confidence).reversed()
                .thenComparing(Candidate::coverage, Comparator.reverseOrder()).thenComparing(Candidate::systemCode));
        return out;
    }

    /** The share of the period a source has watched, 0..1. */
    private static double watched(OffsetDateTime from, OffsetDateTime now, int days) {
        if (from == null) {
            return 0;
        }
        return Math.max(0, Math.min(1, Duration.between(from, now).toSeconds() / (days * 86_400.0)));
    }

    /** The office's decision on a candidate: confirmed for cleanup or dismissed, with a reason (audited). */
    public record DecisionInput(Decision decision, String reason) {
    }

    public Mono<Candidate> decide(CurrentUser user, String systemCode, DecisionInput input) {
        List<FieldProblem> p = new ArrayList<>();
        if (input == null || input.decision() == null) {
            p.add(FieldProblem.oneOf("decision", null, "CONFIRMED, DISMISSED"));
        }
        if (input == null || input.reason() == null || input.reason().isBlank()) {
            p.add(FieldProblem.required("reason"));
        } else if (input.reason().strip().length() > 500) {
            p.add(FieldProblem.maxLength("reason", input.reason(), 500));
        }
        if (!p.isEmpty()) {
            return Mono.error(new InvalidInputException(p));
        }
        return db.tx(dsl -> {
            OffsetDateTime now = OffsetDateTime.now();
            Candidate c = candidates(dsl, now, null).stream().filter(x -> x.systemCode().equals(systemCode)).findFirst()
                    .orElseThrow(() -> new NotFoundException("zombie candidate", systemCode));
            dsl.insertInto(EXCHANGE_ZOMBIE_DECISION)
                    .set(EXCHANGE_ZOMBIE_DECISION.SYSTEM_CODE, systemCode).set(EXCHANGE_ZOMBIE_DECISION.DECISION, input.decision())
                    .set(EXCHANGE_ZOMBIE_DECISION.REASON, input.reason().strip()).set(EXCHANGE_ZOMBIE_DECISION.DECIDED_BY, user.username())
                    .set(EXCHANGE_ZOMBIE_DECISION.DECIDED_AT, now)
                    .onConflict(EXCHANGE_ZOMBIE_DECISION.SYSTEM_CODE).doUpdate()
                    .set(EXCHANGE_ZOMBIE_DECISION.DECISION, input.decision()).set(EXCHANGE_ZOMBIE_DECISION.REASON, input.reason().strip())
                    .set(EXCHANGE_ZOMBIE_DECISION.DECIDED_BY, user.username()).set(EXCHANGE_ZOMBIE_DECISION.DECIDED_AT, now)
                    .execute();
            return candidates(dsl, now, null).stream().filter(x -> x.systemCode().equals(c.systemCode())).findFirst().orElseThrow();
        });
    }
}
