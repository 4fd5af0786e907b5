package cn.suqian.govshare.connection;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.Blocking;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.NOTIFICATION_CHANNEL;
import static cn.suqian.govshare.db.schema.Tables.NOTIFICATION_DELIVERY;

/**
 * Notifications of connection incidents. The transaction that opens or closes an incident writes one
 * delivery per subscribed channel (an outbox); sending happens apart, so a failing or slow channel never
 * delays probing. Every attempt's result is kept; failures are retried with back-off, then given up.
 */
@Component
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final int MAX_ATTEMPTS = 5;

    private final Db db;
    private final Blocking blocking;
    private final ObjectProvider<JavaMailSender> mail;
    private final String mailFrom;
    private final HttpClient http = HttpClient.create().responseTimeout(Duration.ofSeconds(10));
    private volatile JavaMailSender mailOverride;

    Notifications(Db db, Blocking blocking, ObjectProvider<JavaMailSender> mail,
                  @Value("${govshare.connection.mail-from:govshare@localhost}") String mailFrom) {
        this.db = db;
        this.blocking = blocking;
        this.mail = mail;
        this.mailFrom = mailFrom;
    }

    /** Uses this mail sender instead of the configured one (tests start their own SMTP server). */
    void useMailSender(JavaMailSender sender) {
        this.mailOverride = sender;
    }

    /** Queues the event for every enabled channel subscribed to it (by target, organisation or everything). */
    void enqueue(DSLContext dsl, long incidentId, NotificationEvent event) {
        dsl.execute("""
                INSERT INTO notification_delivery (channel_code, incident_id, event, payload)
                SELECT DISTINCT s.channel_code, i.id, ?, jsonb_build_object(
                        'event', ?::text, 'incidentId', i.id, 'target', i.target_code, 'targetName', t.name, 'kind', t.kind,
                        'organisation', i.organisation_code, 'system', i.system_code, 'cause', i.cause, 'detail', i.detail,
                        'startedAt', i.started_at, 'endedAt', i.ended_at,
                        'durationSeconds', floor(extract(epoch FROM coalesce(i.ended_at, now()) - i.started_at))::bigint)
                FROM connection_incident i
                JOIN connection_target t ON t.code = i.target_code
                JOIN notification_subscription s ON ? = ANY (s.events)
                     AND (s.target_code = i.target_code
                          OR s.target_code IS NULL AND (s.organisation_code = i.organisation_code OR s.organisation_code IS NULL))
                JOIN notification_channel c ON c.code = s.channel_code AND c.enabled
                WHERE i.id = ?""", event.name(), event.name(), event.name(), incidentId);
    }

    /**
     * Queues a message of another capability (an annual-report reminder, say) for every enabled channel
     * subscribed to {@code event} for the organisation (or for every organisation), inside the caller's
     * transaction; sent, retried and recorded like incident notifications. {@code title} is the first line
     * robots and e-mail show, {@code text} the rest; {@code data} travels in the webhook payload. Returns the
     * number of deliveries queued.
     */
    public int queueMessage(DSLContext dsl, NotificationEvent event, String organisationCode, String title, String text,
                            Map<String, Object> data) {
        if (event.incident()) {
            throw new IllegalArgumentException(event + " is an incident event");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event.name());
        payload.put("organisation", organisationCode);
        payload.put("title", title);
        payload.put("text", text);
        payload.put("data", data);
        return dsl.execute("""
                INSERT INTO notification_delivery (channel_code, incident_id, event, payload)
                SELECT DISTINCT s.channel_code, NULL::bigint, ?, ?::jsonb
                FROM notification_subscription s
                JOIN notification_channel c ON c.code = s.channel_code AND c.enabled
                WHERE ? = ANY (s.events) AND s.target_code IS NULL
                  AND (s.organisation_code = ? OR s.organisation_code IS NULL)""",
                event.name(), JSON.writeValueAsString(payload), event.name(), organisationCode);
    }

    @Scheduled(fixedDelayString = "${govshare.connection.notify-interval:PT2S}", initialDelayString = "PT7S")
    @SchedulerLock(name = "connection-notifications", lockAtMostFor = "PT5M")
    public void scheduled() throws Exception {
        // a scheduler thread, never an event loop: it may wait for its chunk, which keeps the lock meaningful
        sendPending().toFuture().get(4, java.util.concurrent.TimeUnit.MINUTES);
    }

    private record Pending(long id, NotificationChannel channel, NotificationEvent event, JsonNode payload, int attempts) {
    }

    private record Result(long id, int attempts, boolean sent, Integer status, String error) {
    }

    /**
     * Sends what is due: takes a chunk (leased for a minute, so another replica does not take it too), sends
     * in parallel, records each result. Completes when the chunk is done.
     */
    public Mono<Integer> sendPending() {
        return Mono.fromCallable(() -> db.inTransaction(Actor.system("connection-notifications"), this::take))
                .subscribeOn(db.scheduler())
                .flatMap(pending -> Flux.fromIterable(pending)
                        .flatMap(this::send, 16)
                        .collectList()
                        .flatMap(results -> Mono.fromCallable(() -> db.inTransaction(Actor.system("connection-notifications"),
                                dsl -> store(dsl, results))).subscribeOn(db.scheduler())));
    }

    private List<Pending> take(DSLContext dsl) {
        OffsetDateTime now = OffsetDateTime.now();
        return dsl.select(NOTIFICATION_DELIVERY.ID, NOTIFICATION_DELIVERY.EVENT, NOTIFICATION_DELIVERY.PAYLOAD, NOTIFICATION_DELIVERY.ATTEMPTS,
                        NOTIFICATION_CHANNEL.CODE, NOTIFICATION_CHANNEL.NAME, NOTIFICATION_CHANNEL.KIND, NOTIFICATION_CHANNEL.URL,
                        NOTIFICATION_CHANNEL.SECRET, NOTIFICATION_CHANNEL.EMAIL_TO)
                .from(NOTIFICATION_DELIVERY).join(NOTIFICATION_CHANNEL).on(NOTIFICATION_CHANNEL.CODE.eq(NOTIFICATION_DELIVERY.CHANNEL_CODE))
                .where(NOTIFICATION_DELIVERY.STATUS.eq(NotificationDelivery.Status.PENDING))
                .and(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .orderBy(NOTIFICATION_DELIVERY.ID).limit(100)
                .forUpdate().of(NOTIFICATION_DELIVERY).skipLocked()
                .fetch(r -> {
                    dsl.update(NOTIFICATION_DELIVERY).set(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT, now.plusMinutes(1))
                            .where(NOTIFICATION_DELIVERY.ID.eq(r.value1())).execute();
                    return new Pending(r.value1(), new NotificationChannel(r.value5(), r.value6(), r.value7(), r.value8(), r.value9(),
                            r.value10(), true, null, null), r.value2(), JSON.readTree(r.value3().data()), r.value4());
                });
    }

    private int store(DSLContext dsl, List<Result> results) {
        OffsetDateTime now = OffsetDateTime.now();
        for (Result r : results) {
            NotificationDelivery.Status status = r.sent() ? NotificationDelivery.Status.SENT
                    : r.attempts() >= MAX_ATTEMPTS ? NotificationDelivery.Status.FAILED : NotificationDelivery.Status.PENDING;
            dsl.update(NOTIFICATION_DELIVERY).set(NOTIFICATION_DELIVERY.STATUS, status).set(NOTIFICATION_DELIVERY.ATTEMPTS, r.attempts())
                    .set(NOTIFICATION_DELIVERY.LAST_ATTEMPT_AT, now).set(NOTIFICATION_DELIVERY.RESPONSE_STATUS, r.status())
                    .set(NOTIFICATION_DELIVERY.ERROR, r.error())
                    .set(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT, now.plusSeconds(30L << Math.min(10, r.attempts())))
                    .where(NOTIFICATION_DELIVERY.ID.eq(r.id())).execute();
        }
        return results.size();
    }

    private Mono<Result> send(Pending p) {
        int attempt = p.attempts() + 1;
        Mono<Result> sending = switch (p.channel().kind()) {
            case EMAIL -> email(p, attempt);
            case WEBHOOK -> post(p, p.channel().url(), JSON.writeValueAsString(p.payload()), attempt);
            case WECOM, DINGTALK -> post(p, robotUrl(p.channel(), System.currentTimeMillis()),
                    JSON.writeValueAsString(Map.of("msgtype", "text", "text", Map.of("content", text(p.event(), p.payload())))), attempt);
        };
        return sending.timeout(Duration.ofSeconds(15), ConnectionProbes.TIMER)
                .onErrorResume(e -> Mono.just(new Result(p.id(), attempt, false, null, trim(String.valueOf(e)))));
    }

    private Mono<Result> post(Pending p, String url, String body, int attempt) {
        return http.headers(h -> h.set("Content-Type", "application/json; charset=utf-8"))
                .post().uri(url).send(Mono.just(io.netty.buffer.Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8))))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("").map(text -> {
                    int status = response.status().code();
                    // robots answer 200 with an error code in the body when they refuse a message
                    boolean robotRefused = p.channel().kind() != NotificationChannel.Kind.WEBHOOK && text.matches("(?s).*\"errcode\"\\s*:\\s*[1-9].*");
                    boolean ok = status >= 200 && status < 300 && !robotRefused;
                    return new Result(p.id(), attempt, ok, status, ok ? null : trim("HTTP " + status + " " + text));
                }));
    }

    private Mono<Result> email(Pending p, int attempt) {
        JavaMailSender sender = mailOverride != null ? mailOverride : mail.getIfAvailable();
        if (sender == null) {
            return Mono.just(new Result(p.id(), MAX_ATTEMPTS, false, null, "e-mail is not configured (spring.mail.host)"));
        }
        return blocking.call(() -> {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(mailFrom);
            message.setTo(p.channel().emailTo().split("\\s*[,;]\\s*"));
            String text = text(p.event(), p.payload());
            message.setSubject(text.lines().findFirst().orElse("GovShare"));
            message.setText(text + "\n\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(p.payload()));
            sender.send(message);
            return new Result(p.id(), attempt, true, null, null);
        });
    }

    /** DingTalk's signature: HmacSHA256 over "timestamp\nsecret", Base64, URL-encoded, as query parameters. */
    static String robotUrl(NotificationChannel channel, long timestamp) {
        if (channel.kind() != NotificationChannel.Kind.DINGTALK || channel.secret() == null || channel.secret().isBlank()) {
            return channel.url();
        }
        return channel.url() + (channel.url().contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                + URLEncoder.encode(dingTalkSign(channel.secret(), timestamp), StandardCharsets.UTF_8);
    }

    static String dingTalkSign(String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message people read in a robot group or an e-mail, in Chinese. */
    static String text(NotificationEvent event, JsonNode p) {
        if (!event.incident()) {
            return p.path("title").asString() + "\n" + p.path("text").asString();
        }
        String what = switch (event) {
            case DOWN -> "连接中断";
            case STILL_DOWN -> "仍然中断";
            case UP -> "已恢复";
            case ANNUAL_REPORT_REMINDER -> throw new IllegalStateException("not an incident event");
        };
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("对象", p.path("targetName").asString() + "（" + p.path("target").asString() + "）");
        lines.put("单位", p.path("organisation").asString());
        lines.put("系统", p.path("system").asString());
        String cause = p.path("cause").asString();
        try {
            cause = CheckCause.valueOf(cause).label();
        } catch (IllegalArgumentException e) {
            // an unknown cause is shown as stored
        }
        lines.put("原因", cause + (p.path("detail").isNull() || p.path("detail").isMissingNode() ? "" : "：" + p.path("detail").asString()));
        lines.put("开始", p.path("startedAt").asString());
        if (event == NotificationEvent.UP) {
            lines.put("结束", p.path("endedAt").asString());
        }
        lines.put("持续", p.path("durationSeconds").asLong() + " 秒");
        StringBuilder b = new StringBuilder("【GovShare 网络连通】").append(p.path("targetName").asString()).append(" ").append(what);
        lines.forEach((k, v) -> b.append('\n').append(k).append("：").append(v));
        return b.toString();
    }

    private static String trim(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
