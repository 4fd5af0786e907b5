package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh demo city, started as a user starts it (its own JVM, throw-away database, the simulated exchange
 * platform on): every anomaly it shows is one of the simulator's deliberate bad spells - a flaky interface's
 * failing hours, a provider's silent spell - and none is an artefact of the partly filled hour it started in.
 */
@Tag("integration")
class DemoStartAnomaliesTests {

    @TempDir
    Path work;

    Process demo;

    @AfterEach
    void stop() throws Exception {
        if (demo != null && demo.isAlive()) {
            demo.destroy();
            if (!demo.waitFor(30, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_fresh_demo_start_shows_only_the_simulators_deliberate_anomalies() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = work.resolve("demo.log");
        demo = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "cn.suqian.govshare.GovShareApplication", "--server.port=" + port, "--govshare.embedded.ephemeral=true")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!Files.readString(log).contains("DEMO MODE: simulated exchange platform pushed")) {
            assertThat(demo.isAlive()).as("demo start:\n%s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("demo back-fill took too long:\n%s", Files.readString(log)).isLessThan(deadline);
            Thread.sleep(500);
        }

        List<Map<String, Object>> anomalies = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, Object> result = Api.as(port, "admin").get().uri("/api/v1/exchange/anomalies?size=200&page=" + page)
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            List<Map<String, Object>> items = (List<Map<String, Object>>) result.get("items");
            anomalies.addAll(items);
            if (items.size() < 200) {
                break;
            }
        }
        assertThat(anomalies).as("the simulator's bad spells are found").isNotEmpty();
        List<String> spurious = new ArrayList<>();
        for (Map<String, Object> a : anomalies) {
            OffsetDateTime hour = OffsetDateTime.parse((String) a.get("periodStart"));
            String provider = (String) a.get("provider");
            boolean deliberate = switch ((String) a.get("kind")) {
                case "FAILURE_RATIO" -> ExchangeSimulator.deliberateBadSpell(hour);
                case "UNUSUAL_TRAFFIC", "SILENT_PROVIDER" -> ExchangeSimulator.deliberatelySilent(provider, hour);
                default -> false;
            };
            if (!deliberate) {
                spurious.add(a.get("kind") + " " + provider + "->" + a.get("consumer") + " " + hour + " " + a.get("detail"));
            }
        }
        System.out.println("demo start: " + anomalies.size() + " anomalies, by kind " + anomalies.stream().collect(java.util.stream.Collectors
                .groupingBy(a -> (String) a.get("kind"), java.util.TreeMap::new, java.util.stream.Collectors.counting())) + "; outside the deliberate spells: "
                + spurious.size());
        assertThat(spurious).as("anomalies outside the simulator's deliberate bad spells").isEmpty();
        assertThat(anomalies).as("the hour the demo started in is not judged while incomplete")
                .noneMatch(a -> OffsetDateTime.parse((String) a.get("periodStart")).equals(startedAt.truncatedTo(ChronoUnit.HOURS)));

        // the hour it started in was filled up to the start (5-minute intervals), so it will read whole once over
        Matcher pg = Pattern.compile("Embedded PostgreSQL started on port (\\d+)").matcher(Files.readString(log));
        assertThat(pg.find()).isTrue();
        OffsetDateTime hour = startedAt.truncatedTo(ChronoUnit.HOURS);
        int endedIntervals = startedAt.getMinute() / 5;
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.group(1) + "/govshare", "postgres", "");
             var q = c.prepareStatement("SELECT count(DISTINCT interval_start) FROM exchange_stat WHERE interval_start >= ? AND interval_start < ?")) {
            q.setObject(1, hour);
            q.setObject(2, hour.plusMinutes(5L * endedIntervals));
            try (var rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(endedIntervals);
            }
        }
    }
}
