package cn.suqian.govshare.connection;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TimeSeriesStorage;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_CHECK;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_INCIDENT;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_STATE;
import static cn.suqian.govshare.db.schema.Tables.NOTIFICATION_DELIVERY;
import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection status end to end, against real local HTTP/TCP servers, a real webhook receiver and a real SMTP
 * server: N/M thresholds, incidents with causes, flapping, maintenance exclusion, unknown periods,
 * restart-resume, heartbeats, notifications, availability, the connected fact, zombie evidence and access.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionStatusIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ConnectionProbing probing;
    @Autowired
    ConnectionMonitor monitor;
    @Autowired
    ConnectionProbes probes;
    @Autowired
    Notifications notifications;
    @Autowired
    Db db;
    @Autowired
    TimeSeriesStorage storage;
    @Autowired
    DSLContext dsl;

    ProbeServers servers;
    DisposableServer receiver;
    GreenMail smtp;
    final List<String[]> received = new CopyOnWriteArrayList<>();
    final AtomicInteger receiverStatus = new AtomicInteger(200);
    final AtomicInteger step = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        servers = new ProbeServers();
        receiver = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.post("/hook/{name}", (req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .flatMap(body -> {
                            received.add(new String[]{req.param("name"), req.uri(), body});
                            return res.status(receiverStatus.get()).sendString(Mono.just("{\"errcode\":0}")).then();
                        })))
                .bindNow();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        notifications.useMailSender(sender);
        for (String code : List.of("water.cs-a", "water.cs-b", "water.cs-c", "water.cs-d", "water.cs-e", "finance.cs-f")) {
            Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(aSystem().code(code).organisation(code.substring(0, code.indexOf('.'))).name("连通测试系统" + code).mustConnect(true).json())
                    .exchange().expectStatus().isCreated();
        }
    }

    @AfterAll
    void stop() {
        servers.close();
        receiver.disposeNow();
        smtp.stop();
    }

    void target(String code, String system, String probe, String address, int down, int up) {
        var body = new java.util.HashMap<String, Object>(Map.of("code", code, "systemCode", system, "kind", "INTERFACE", "name", "测试接口" + code,
                "probe", probe, "intervalSeconds", 60, "downAfter", down, "upAfter", up));
        if (address != null) {
            body.put("address", address);
        }
        Api.as(port, "admin").post().uri("/api/v1/connection-targets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated();
    }

    /** Claims and probes the given targets as if their turn had come, and stores the results. */
    ConnectionMonitor.Outcome probe(String... codes) {
        OffsetDateTime far = OffsetDateTime.now().plusYears(5).plusDays(step.incrementAndGet());
        return probing.runDue(far, List.of(codes)).toFuture().join();
    }

    ConnectionStatus status(String code) {
        return dsl.select(CONNECTION_STATE.STATUS).from(CONNECTION_STATE).where(CONNECTION_STATE.TARGET_CODE.eq(code)).fetchOne(CONNECTION_STATE.STATUS);
    }

    List<org.jooq.Record> incidents(String code) {
        return List.copyOf(dsl.selectFrom(CONNECTION_INCIDENT).where(CONNECTION_INCIDENT.TARGET_CODE.eq(code)).orderBy(CONNECTION_INCIDENT.ID).fetch());
    }

    @Test
    void n_failures_open_one_incident_with_its_cause_m_successes_close_it_and_notifications_go_out_once() throws Exception {
        target("water.cs-a.api", "water.cs-a", "HTTP", servers.url("/switch"), 2, 2);
        // channels of every kind, subscribed to this target
        String hook = "http://127.0.0.1:" + receiver.port() + "/hook/";
        channel("test-webhook", "WEBHOOK", hook + "webhook", null, null);
        channel("test-wecom", "WECOM", hook + "wecom", null, null);
        channel("test-dingtalk", "DINGTALK", hook + "dingtalk?access_token=abc", "SEC-test-secret", null);
        channel("test-mail", "EMAIL", null, null, "ops@suqian.example, duty@suqian.example");
        for (String ch : List.of("test-webhook", "test-wecom", "test-dingtalk", "test-mail")) {
            Api.as(port, "admin").post().uri("/api/v1/connections/notifications/subscriptions").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("channelCode", ch, "targetCode", "water.cs-a.api")).exchange().expectStatus().isCreated();
        }
        servers.switchable.set(200);
        probe("water.cs-a.api");
        assertThat(status("water.cs-a.api")).isEqualTo(ConnectionStatus.UNKNOWN);
        probe("water.cs-a.api");
        assertThat(status("water.cs-a.api")).isEqualTo(ConnectionStatus.UP);

        servers.switchable.set(503);
        probe("water.cs-a.api");
        assertThat(status("water.cs-a.api")).isEqualTo(ConnectionStatus.UP);
        assertThat(incidents("water.cs-a.api")).isEmpty();
        assertThat(probe("water.cs-a.api").wentDown()).isEqualTo(1);
        assertThat(status("water.cs-a.api")).isEqualTo(ConnectionStatus.DOWN);
        probe("water.cs-a.api");
        var open = incidents("water.cs-a.api");
        assertThat(open).hasSize(1);
        assertThat(open.getFirst().get(CONNECTION_INCIDENT.CAUSE)).isEqualTo(CheckCause.HTTP_STATUS);
        assertThat(open.getFirst().get(CONNECTION_INCIDENT.ENDED_AT)).isNull();
        assertThat(open.getFirst().get(CONNECTION_INCIDENT.FAILURES)).isEqualTo(3);

        servers.switchable.set(200);
        probe("water.cs-a.api");
        assertThat(status("water.cs-a.api")).isEqualTo(ConnectionStatus.DOWN);
        assertThat(probe("water.cs-a.api").wentUp()).isEqualTo(1);
        var closed = incidents("water.cs-a.api");
        assertThat(closed).hasSize(1);
        assertThat(closed.getFirst().get(CONNECTION_INCIDENT.ENDED_AT)).isNotNull();

        // one DOWN and one UP per channel, delivered to real receivers
        notifications.sendPending().toFuture().join();
        long incident = closed.getFirst().get(CONNECTION_INCIDENT.ID);
        var deliveries = dsl.selectFrom(NOTIFICATION_DELIVERY).where(NOTIFICATION_DELIVERY.INCIDENT_ID.eq(incident)).fetch();
        assertThat(deliveries).hasSize(8);
        assertThat(deliveries).allSatisfy(d -> assertThat(d.getStatus()).as(d.getChannelCode() + " " + d.getError())
                .isEqualTo(NotificationDelivery.Status.SENT));
        List<String[]> webhooks = received.stream().filter(r -> r[0].equals("webhook")).toList();
        assertThat(webhooks).hasSize(2);
        JsonNode down = JsonMapper.shared().readTree(webhooks.getFirst()[2]);
        assertThat(down.path("event").asString()).isIn("DOWN", "UP");
        assertThat(webhooks.stream().map(w -> JsonMapper.shared().readTree(w[2]).path("event").asString()).toList())
                .containsExactlyInAnyOrder("DOWN", "UP");
        assertThat(down.path("target").asString()).isEqualTo("water.cs-a.api");
        assertThat(down.path("cause").asString()).isEqualTo("HTTP_STATUS");
        assertThat(down.path("incidentId").asLong()).isEqualTo(incident);
        String[] wecom = received.stream().filter(r -> r[0].equals("wecom")).findFirst().orElseThrow();
        JsonNode wecomBody = JsonMapper.shared().readTree(wecom[2]);
        assertThat(wecomBody.path("msgtype").asString()).isEqualTo("text");
        assertThat(wecomBody.path("text").path("content").asString()).contains("GovShare 网络连通", "water.cs-a.api", "HTTP 状态码不符");
        String[] ding = received.stream().filter(r -> r[0].equals("dingtalk")).findFirst().orElseThrow();
        Map<String, String> query = query(ding[1]);
        assertThat(query.get("access_token")).isEqualTo("abc");
        long timestamp = Long.parseLong(query.get("timestamp"));
        assertThat(query.get("sign")).isEqualTo(Notifications.dingTalkSign("SEC-test-secret", timestamp));
        // DingTalk's documented example: the signature is HmacSHA256 over "timestamp\nsecret", Base64
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("SEC-test-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(query.get("sign")).isEqualTo(java.util.Base64.getEncoder().encodeToString(
                mac.doFinal((timestamp + "\nSEC-test-secret").getBytes(StandardCharsets.UTF_8))));
        assertThat(JsonMapper.shared().readTree(ding[2]).path("text").path("content").asString()).contains("water.cs-a.api");
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails.length).isGreaterThanOrEqualTo(4); // two events to two addresses
        assertThat(mails[0].getSubject()).contains("GovShare 网络连通");
        assertThat(List.of(mails).stream().flatMap(m -> {
            try {
                return java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList()).contains("ops@suqian.example", "duty@suqian.example");
        // the secret is never listed
        Api.as(port, "admin").get().uri("/api/v1/connections/notifications/channels").exchange().expectStatus().isOk()
                .expectBody(String.class).value(b -> assertThat(b).doesNotContain("SEC-test-secret").contains("******"));
    }

    void channel(String code, String kind, String url, String secret, String email) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", "测试通道 " + code, "kind", kind));
        if (url != null) {
            body.put("url", url);
        }
        if (secret != null) {
            body.put("secret", secret);
        }
        if (email != null) {
            body.put("emailTo", email);
        }
        Api.as(port, "admin").put().uri("/api/v1/connections/notifications/channels/" + code).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk();
    }

    static Map<String, String> query(String uri) {
        Map<String, String> q = new java.util.HashMap<>();
        String s = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void a_failing_channel_is_recorded_and_retried_and_never_delays_probing() {
        target("water.cs-e.api", "water.cs-e", "TCP", "127.0.0.1:" + servers.refusingPort, 1, 1);
        channel("test-failing", "WEBHOOK", "http://127.0.0.1:" + receiver.port() + "/hook/failing", null, null);
        Api.as(port, "admin").post().uri("/api/v1/connections/notifications/subscriptions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channelCode", "test-failing", "targetCode", "water.cs-e.api", "events", List.of("DOWN")))
                .exchange().expectStatus().isCreated();
        receiverStatus.set(500);
        try {
            assertThat(probe("water.cs-e.api").wentDown()).isEqualTo(1);
            assertThat(incidents("water.cs-e.api").getFirst().get(CONNECTION_INCIDENT.CAUSE)).isEqualTo(CheckCause.REFUSED);
            notifications.sendPending().toFuture().join();
            var d = dsl.selectFrom(NOTIFICATION_DELIVERY).where(NOTIFICATION_DELIVERY.CHANNEL_CODE.eq("test-failing")).fetchOne();
            assertThat(d.getStatus()).isEqualTo(NotificationDelivery.Status.PENDING);
            assertThat(d.getAttempts()).isEqualTo(1);
            assertThat(d.getResponseStatus()).isEqualTo(500);
            assertThat(d.getNextAttemptAt()).isAfter(OffsetDateTime.now());
            Api.as(port, "admin").get().uri("/api/v1/connections/notifications/deliveries?incident=" + d.getIncidentId()).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.items[0].responseStatus").isEqualTo(500);
        } finally {
            receiverStatus.set(200);
        }
    }

    @Test
    void the_scheduled_pipeline_probes_what_is_due_and_stores_it_a_hanging_target_delaying_nobody() throws Exception {
        target("water.cs-tick-ok", "water.cs-d", "HTTP", servers.url("/healthy"), 3, 1);
        target("water.cs-tick-hang", "water.cs-d", "HTTP", servers.url("/hanging"), 3, 1);
        dsl.execute("UPDATE connection_target SET timeout_ms = 2000 WHERE code = 'water.cs-tick-hang'");
        long storedBefore = probing.load().stored();
        probing.tick(); // creates the states, due within their first interval
        dsl.execute("UPDATE connection_state SET next_due_at = now() - interval '1 second' WHERE target_code IN ('water.cs-tick-ok', 'water.cs-tick-hang')");
        probing.tick();
        long started = System.nanoTime();
        while (dsl.fetchCount(CONNECTION_CHECK, CONNECTION_CHECK.TARGET_CODE.eq("water.cs-tick-ok")) == 0 && System.nanoTime() - started < 10_000_000_000L) {
            Thread.sleep(50);
        }
        long okAfterMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(dsl.fetchCount(CONNECTION_CHECK, CONNECTION_CHECK.TARGET_CODE.eq("water.cs-tick-ok"))).isEqualTo(1);
        assertThat(okAfterMs).as("the healthy target's check is stored before the hanging one times out").isLessThan(2000);
        while (dsl.fetchCount(CONNECTION_CHECK, CONNECTION_CHECK.TARGET_CODE.eq("water.cs-tick-hang")) == 0 && System.nanoTime() - started < 10_000_000_000L) {
            Thread.sleep(50);
        }
        assertThat(dsl.select(CONNECTION_CHECK.CAUSE).from(CONNECTION_CHECK).where(CONNECTION_CHECK.TARGET_CODE.eq("water.cs-tick-hang")).fetchOne(CONNECTION_CHECK.CAUSE))
                .isEqualTo(CheckCause.TIMEOUT);
        // claimed once: the next turn is an interval ahead, so another tick (or replica) does not take them again
        assertThat(dsl.fetchCount(CONNECTION_STATE, CONNECTION_STATE.TARGET_CODE.in("water.cs-tick-ok", "water.cs-tick-hang")
                .and(CONNECTION_STATE.NEXT_DUE_AT.gt(OffsetDateTime.now().plusSeconds(40))))).isEqualTo(2);
        assertThat(probing.load().storeFailures()).isZero();
        assertThat(probing.load().stored()).isGreaterThan(storedBefore);
    }

    @Test
    void flapping_below_the_threshold_opens_no_incident() {
        target("water.cs-b.api", "water.cs-b", "HTTP", servers.url("/healthy"), 3, 2);
        probe("water.cs-b.api");
        probe("water.cs-b.api");
        for (int i = 0; i < 3; i++) {
            dsl.execute("UPDATE connection_target SET address = ? WHERE code = 'water.cs-b.api'", servers.url("/status/500"));
            probe("water.cs-b.api");
            probe("water.cs-b.api");
            dsl.execute("UPDATE connection_target SET address = ? WHERE code = 'water.cs-b.api'", servers.url("/healthy"));
            probe("water.cs-b.api");
        }
        assertThat(status("water.cs-b.api")).isEqualTo(ConnectionStatus.UP);
        assertThat(incidents("water.cs-b.api")).isEmpty();
        assertThat(dsl.fetchCount(CONNECTION_CHECK, CONNECTION_CHECK.TARGET_CODE.eq("water.cs-b.api").and(CONNECTION_CHECK.OK.isFalse())))
                .isEqualTo(6);
    }

    @Test
    void time_in_maintenance_is_left_out_of_availability_and_quiet() {
        target("water.cs-c.api", "water.cs-c", "HTTP", servers.url("/status/503"), 1, 1);
        OffsetDateTime now = OffsetDateTime.now();
        Api.as(port, "dept-water").post().uri("/api/v1/connections/maintenance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("targetCode", "water.cs-c.api", "reason", "机房搬迁", "recurrence", "ONCE",
                        "startsAt", now.minusMinutes(5).toString(), "endsAt", now.plusHours(1).toString()))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.organisationCode").isEqualTo("water");
        // another department may not plan it
        Api.as(port, "dept-finance").post().uri("/api/v1/connections/maintenance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("targetCode", "water.cs-c.api", "reason", "越权", "recurrence", "ONCE",
                        "startsAt", now.toString(), "endsAt", now.plusHours(1).toString()))
                .exchange().expectStatus().isForbidden();
        probe("water.cs-c.api");
        probe("water.cs-c.api");
        assertThat(status("water.cs-c.api")).isEqualTo(ConnectionStatus.DOWN);
        var incident = incidents("water.cs-c.api").getFirst();
        assertThat(incident.get(CONNECTION_INCIDENT.IN_MAINTENANCE)).isTrue();
        assertThat(dsl.fetchCount(NOTIFICATION_DELIVERY, NOTIFICATION_DELIVERY.INCIDENT_ID.eq(incident.get(CONNECTION_INCIDENT.ID)))).isZero();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Api.as(port, "leader").get().uri("/api/v1/connections/availability?by=target&granularity=day&target=water.cs-c.api&from=" + today
                        + "&to=" + today.plusDays(1))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.totals[0].maintenanceSeconds").isEqualTo(120)
                .jsonPath("$.totals[0].downSeconds").isEqualTo(0)
                .jsonPath("$.totals[0].availability").doesNotExist()
                .jsonPath("$.totals[0].incidents").isEqualTo(0);
    }

    @Test
    void a_maintenance_window_entered_afterwards_reclassifies_the_stored_rollups() {
        Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(aSystem().code("water.cs-g").organisation("water").name("连通测试系统water.cs-g").mustConnect(true).json())
                .exchange().expectStatus().isCreated();
        target("water.cs-g.api", "water.cs-g", "HTTP", servers.url("/status/503"), 2, 1);
        OffsetDateTime before = OffsetDateTime.now();
        for (int i = 0; i < 4; i++) {
            probe("water.cs-g.api");
        }
        assertThat(status("water.cs-g.api")).isEqualTo(ConnectionStatus.DOWN);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String day = "/api/v1/connections/availability?by=target&granularity=day&totalsOnly=true&target=water.cs-g.api&from=" + today
                + "&to=" + today.plusDays(1);
        String year = "/api/v1/connections/availability?by=target&granularity=month&totalsOnly=true&target=water.cs-g.api&from="
                + today.minusDays(365) + "&to=" + today.plusDays(1);
        // one check undecided (unknown), three DOWN of 60 s each; one incident
        for (String uri : List.of(day, year)) {
            Api.as(port, "leader").get().uri(uri).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.totals[0].downSeconds").isEqualTo(180)
                    .jsonPath("$.totals[0].maintenanceSeconds").isEqualTo(0)
                    .jsonPath("$.totals[0].incidents").isEqualTo(1);
        }
        // the department enters the outage as planned maintenance afterwards
        Api.as(port, "dept-water").post().uri("/api/v1/connections/maintenance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("targetCode", "water.cs-g.api", "reason", "事后补录：机房断电检修", "recurrence", "ONCE",
                        "startsAt", before.minusMinutes(1).toString(), "endsAt", OffsetDateTime.now().plusHours(1).toString()))
                .exchange().expectStatus().isCreated();
        assertThat(dsl.fetchCount(CONNECTION_CHECK, CONNECTION_CHECK.TARGET_CODE.eq("water.cs-g.api")
                .and(CONNECTION_CHECK.COUNTED_AS.ne(CountedAs.MAINTENANCE)))).isZero();
        for (String uri : List.of(day, year)) {
            Api.as(port, "leader").get().uri(uri).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.totals[0].downSeconds").isEqualTo(0)
                    .jsonPath("$.totals[0].upSeconds").isEqualTo(0)
                    .jsonPath("$.totals[0].maintenanceSeconds").isEqualTo(240)
                    .jsonPath("$.totals[0].availability").doesNotExist()
                    .jsonPath("$.totals[0].incidents").isEqualTo(0);
        }
        // every rollup level equals the raw checks summed by what they now count as
        var raw = dsl.fetchOne("SELECT sum(covers_seconds) FILTER (WHERE counted_as = 'UP') AS up, sum(covers_seconds) FILTER (WHERE counted_as = 'DOWN') AS down, "
                + "sum(covers_seconds) FILTER (WHERE counted_as = 'MAINTENANCE') AS maint FROM connection_check WHERE target_code = 'water.cs-g.api'");
        for (String level : List.of("connection_minute", "connection_hourly", "connection_daily", "connection_monthly")) {
            var rolled = dsl.fetchOne("SELECT sum(up_seconds) AS up, sum(down_seconds) AS down, sum(maintenance_seconds) AS maint FROM " + level
                    + " WHERE target_code = 'water.cs-g.api'");
            long rawUp = raw.get("up") == null ? 0L : raw.get("up", Long.class);
            assertThat(rolled.get("up", Long.class)).as(level).isEqualTo(rawUp);
            assertThat(rolled.get("down", Long.class)).as(level).isZero();
            long rawMaintenance = raw.get("maint", Long.class);
            assertThat(rolled.get("maint", Long.class)).as(level).isEqualTo(rawMaintenance).isEqualTo(240L);
        }
    }

    @Test
    void periods_without_data_are_unknown_and_a_target_is_measured_from_when_it_was_added() {
        target("water.cs-d.api", "water.cs-d", "TCP", "127.0.0.1:" + servers.tcp.port(), 3, 1);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // added two days ago (start of the day before yesterday, China Standard Time), probed only today
        dsl.execute("UPDATE connection_target SET created_at = ?::date::timestamp AT TIME ZONE 'Asia/Shanghai' WHERE code = 'water.cs-d.api'",
                today.minusDays(2).toString());
        probe("water.cs-d.api");
        var body = Api.as(port, "leader").get().uri("/api/v1/connections/availability?by=target&granularity=day&target=water.cs-d.api&from="
                        + today.minusDays(3) + "&to=" + today.plusDays(1))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode rows = body.path("rows");
        assertThat(rows.size()).isEqualTo(4);
        assertThat(rows.get(0).path("unknownSeconds").asLong()).as("before it was added: not measured at all").isZero();
        assertThat(rows.get(1).path("unknownSeconds").asLong()).as("a whole day without data").isEqualTo(86_400);
        assertThat(rows.get(1).path("availability").isNull() || rows.get(1).path("availability").isMissingNode()).isTrue();
        assertThat(rows.get(1).path("upSeconds").asLong()).isZero();
        assertThat(rows.get(3).path("upSeconds").asLong()).isEqualTo(60);
        assertThat(rows.get(3).path("availability").asDouble()).isEqualTo(1.0);
        assertThat(body.path("totals").get(0).path("availability").asDouble()).as("unknown never counts as up or down").isEqualTo(1.0);
    }

    @Test
    void a_restarted_service_resumes_the_state_and_does_not_reopen_incidents() {
        target("finance.cs-f.api", "finance.cs-f", "HTTP", servers.url("/status/502"), 2, 2);
        probe("finance.cs-f.api");
        probe("finance.cs-f.api");
        assertThat(incidents("finance.cs-f.api")).hasSize(1);
        // a new monitor and probing pipeline over the same database: what a restarted service has
        ConnectionMonitor restartedMonitor = new ConnectionMonitor(db, storage, notifications);
        ConnectionProbing restarted = new ConnectionProbing(restartedMonitor, probes, db, 16, 100);
        try {
            OffsetDateTime far = OffsetDateTime.now().plusYears(6);
            restarted.runDue(far, List.of("finance.cs-f.api")).toFuture().join();
            restarted.runDue(far.plusDays(1), List.of("finance.cs-f.api")).toFuture().join();
            assertThat(status("finance.cs-f.api")).isEqualTo(ConnectionStatus.DOWN);
            assertThat(incidents("finance.cs-f.api")).hasSize(1);
            assertThat(incidents("finance.cs-f.api").getFirst().get(CONNECTION_INCIDENT.FAILURES)).isEqualTo(4);
            dsl.execute("UPDATE connection_target SET address = ? WHERE code = 'finance.cs-f.api'", servers.url("/healthy"));
            restarted.runDue(far.plusDays(2), List.of("finance.cs-f.api")).toFuture().join();
            restarted.runDue(far.plusDays(3), List.of("finance.cs-f.api")).toFuture().join();
            assertThat(status("finance.cs-f.api")).isEqualTo(ConnectionStatus.UP);
            assertThat(incidents("finance.cs-f.api")).hasSize(1);
            assertThat(incidents("finance.cs-f.api").getFirst().get(CONNECTION_INCIDENT.ENDED_AT)).isNotNull();
        } finally {
            restarted.stop();
        }
        // departments see their own targets only; another's detail is 404
        Api.as(port, "dept-water").get().uri("/api/v1/connections/status/finance.cs-f.api").exchange().expectStatus().isNotFound();
        Api.as(port, "dept-finance").get().uri("/api/v1/connections/status/finance.cs-f.api").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.target.status").isEqualTo("UP").jsonPath("$.incidents.length()").isEqualTo(1);
        Api.as(port, "dept-water").get().uri("/api/v1/connections/status").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].organisationCode").value(o -> assertThat((List<String>) o).isNotEmpty().containsOnly("water"));
        Api.as(port, "dept-water").get().uri("/api/v1/connections/incidents?organisation=finance").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].organisationCode").value(o -> assertThat((List<String>) o).doesNotContain("finance"));
    }

    @Test
    void heartbeats_keep_a_target_up_a_missing_one_is_a_failure_and_bad_input_is_refused() {
        target("water.cs-hb", "water.cs-a", "HEARTBEAT", null, 1, 1);
        String token = (String) Api.as(port, "admin").post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "water-heartbeats", "organisationCode", "water"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("token");
        String financeToken = (String) Api.as(port, "admin").post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "finance-heartbeats", "organisationCode", "finance"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("token");
        Api.bearer(port, token).post().uri("/api/v1/connections/heartbeats").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("target", "water.cs-hb", "latencyMs", 15)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(1);
        assertThat(status("water.cs-hb")).isEqualTo(ConnectionStatus.UP);
        // another organisation's token cannot speak for it; nonsense is refused field by field
        Api.bearer(port, financeToken).post().uri("/api/v1/connections/heartbeats").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("target", "water.cs-hb")).exchange().expectStatus().isBadRequest();
        Api.bearer(port, token).post().uri("/api/v1/connections/heartbeats").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of(Map.of("target", "water.cs-hb", "status", "SIDEWAYS", "latencyMs", -1, "extra", 1), Map.of("message", "x")))
                .exchange().expectStatus().isBadRequest().expectBody(String.class)
                .value(b -> assertThat(b).contains("[0].status", "[0].latencyMs", "[0].extra", "[1].target"));
        Api.bearer(port, token).post().uri("/api/v1/connections/heartbeats").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("target", "water.cs-a.api")).exchange().expectStatus().isBadRequest();
        // overdue: the watchdog notes the missed heartbeat as a failure
        probe("water.cs-hb");
        assertThat(status("water.cs-hb")).isEqualTo(ConnectionStatus.DOWN);
        assertThat(incidents("water.cs-hb").getFirst().get(CONNECTION_INCIDENT.CAUSE)).isEqualTo(CheckCause.MISSED_HEARTBEAT);
        Api.bearer(port, token).post().uri("/api/v1/connections/heartbeats").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("target", "water.cs-hb", "status", "UP")).exchange().expectStatus().isOk();
        assertThat(status("water.cs-hb")).isEqualTo(ConnectionStatus.UP);
    }

    @Test
    void connected_is_a_measured_fact_with_evidence_beside_the_declared_status() {
        target("water.cs-conn.api", "water.cs-b", "HTTP", servers.url("/healthy"), 3, 1);
        probe("water.cs-conn.api");
        probe("water.cs-conn.api");
        var list = Api.as(port, "leader").get().uri("/api/v1/connections/connected?organisation=water").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode b = null;
        JsonNode none = null;
        for (JsonNode s : list) {
            if (s.path("systemCode").asString().equals("water.cs-b")) {
                b = s;
            }
            if (s.path("systemCode").asString().equals("water.cs-d") ) {
                none = s;
            }
        }
        assertThat(b).isNotNull();
        assertThat(b.path("targets").size()).isEqualTo(2);
        assertThat(b.path("thresholdPercent").asDouble()).isEqualTo(95.0);
        assertThat(b.path("connectedness").asString()).isIn("CONNECTED", "NOT_CONNECTED");
        assertThat(list.size()).isGreaterThan(2);
        assertThat(none).isNotNull();
    }

    @Test
    void zombie_candidates_need_evidence_carry_it_and_can_be_dismissed_with_an_audited_reason() {
        Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(aSystem().code("water.cs-zombie").organisation("water").name("沉睡的审批系统").mustConnect(true).json())
                .exchange().expectStatus().isCreated();
        target("water.cs-zombie.hb", "water.cs-zombie", "HEARTBEAT", null, 1, 1);
        probe("water.cs-zombie.hb"); // its heartbeat never came
        var report = Api.as(port, "leader").get().uri("/api/v1/exchange/zombies?organisation=water&minConfidence=LOW&size=500").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode candidate = null;
        for (JsonNode c : report.path("items")) {
            assertThat(c.path("systemCode").asString()).as("a system with a successful probe is alive").isNotIn("water.cs-b", "water.cs-d");
            if (c.path("systemCode").asString().equals("water.cs-zombie")) {
                candidate = c;
            }
        }
        assertThat(candidate).isNotNull();
        assertThat(candidate.path("confidence").asString()).isEqualTo("LOW"); // watched for seconds, not 180 days
        assertThat(candidate.path("connectionTargets").asInt()).isEqualTo(1);
        assertThat(candidate.path("reasonCode").asString()).isEqualTo("noConnectionNoAlias");
        assertThat(candidate.path("usersKnown").asBoolean()).isFalse();
        assertThat(report.path("page").asInt()).isZero();
        // by default only candidates of at least the configured confidence (medium) are listed
        Api.as(port, "leader").get().uri("/api/v1/exchange/zombies?organisation=water&size=500").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.minConfidence").isEqualTo("MEDIUM")
                .jsonPath("$.items[?(@.systemCode == 'water.cs-zombie')]").isEmpty();
        // watched for the whole period: medium confidence (one source)
        dsl.execute("UPDATE connection_target SET created_at = now() - interval '200 days' WHERE code = 'water.cs-zombie.hb'");
        Api.as(port, "leader").get().uri("/api/v1/exchange/zombies?organisation=water&minConfidence=MEDIUM&size=500").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[?(@.systemCode == 'water.cs-zombie')].confidence").isEqualTo("MEDIUM");
        Api.as(port, "dept-water").put().uri("/api/v1/exchange/zombies/water.cs-zombie/decision").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "DISMISSED", "reason", "x")).exchange().expectStatus().isForbidden();
        Api.as(port, "admin").put().uri("/api/v1/exchange/zombies/water.cs-zombie/decision").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "DISMISSED", "reason", "季节性系统，汛期使用")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.decision").isEqualTo("DISMISSED").jsonPath("$.decidedBy").isEqualTo("admin");
        Api.as(port, "leader").get().uri("/api/v1/exchange/zombies?organisation=water&size=500").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.systemCode == 'water.cs-zombie')]").isEmpty();
        Api.as(port, "leader").get().uri("/api/v1/exchange/zombies?organisation=water&includeDismissed=true&size=500").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[?(@.systemCode == 'water.cs-zombie')].decisionReason").isEqualTo("季节性系统，汛期使用");
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_event").where("entity_type = 'exchange_zombie_decision' AND entity_id = 'water.cs-zombie'")))
                .isEqualTo(1);
    }
}
