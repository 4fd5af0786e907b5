package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.DemoCityTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh demo city ({@link DemoCityTest}: throw-away database, the simulated exchange platform on, its back-fill
 * pushed through the ingest endpoint): every anomaly it shows is one of the simulator's deliberate bad spells - a
 * flaky interface's failing hours, a provider's silent spell - and none is an artefact of the partly filled hour it
 * started in. (Starting GovShare in a JVM of its own, as a user does, is {@link CollectorKillRestartTests}'s part.)
 */
@DemoCityTest
class DemoStartAnomaliesTests {

    @LocalServerPort
    int port;
    @Autowired
    ExchangeSimulator simulator;
    @Autowired
    ApplicationContext context;
    @Autowired
    DSLContext dsl;

    @Test
    @SuppressWarnings("unchecked")
    void a_fresh_demo_start_shows_only_the_simulators_deliberate_anomalies() throws Exception {
        OffsetDateTime startedAt = OffsetDateTime.ofInstant(Instant.ofEpochMilli(context.getStartupDate()), ZoneOffset.UTC);
        DemoCityTest.Backfill.await(simulator);

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
        System.out.println("demo start: " + anomalies.size() + " anomalies, by kind " + anomalies.stream()
                .collect(Collectors.groupingBy(a -> (String) a.get("kind"), TreeMap::new, Collectors.counting()))
                + "; outside the deliberate spells: " + spurious.size());
        assertThat(spurious).as("anomalies outside the simulator's deliberate bad spells").isEmpty();
        assertThat(anomalies).as("the hour the demo started in is not judged while incomplete")
                .noneMatch(a -> OffsetDateTime.parse((String) a.get("periodStart")).equals(startedAt.truncatedTo(ChronoUnit.HOURS)));

        // the hour it started in was filled up to the start (5-minute intervals), so it will read whole once over
        OffsetDateTime hour = startedAt.truncatedTo(ChronoUnit.HOURS);
        int endedIntervals = startedAt.getMinute() / 5;
        assertThat(dsl.fetchCount(dsl.selectDistinct(EXCHANGE_STAT.INTERVAL_START).from(EXCHANGE_STAT)
                .where(EXCHANGE_STAT.INTERVAL_START.ge(hour)).and(EXCHANGE_STAT.INTERVAL_START.lt(hour.plusMinutes(5L * endedIntervals)))))
                .isEqualTo(endedIntervals);
    }
}
