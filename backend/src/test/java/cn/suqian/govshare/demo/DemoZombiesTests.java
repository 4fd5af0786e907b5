package cn.suqian.govshare.demo;

import cn.suqian.govshare.connection.ConnectionProbing;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.DemoCityTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo city as a user first sees it — demo registry, the simulated exchange platform's fourteen days of
 * traffic, the demo probe endpoints probed — shows a believable handful of zombie candidates: the systems
 * whose old front-end processor no longer answers and whose data no flow carries, and no infrastructure
 * system. The fresh demo's context ({@link DemoCityTest}), so the other integration tests' systems are not in it.
 */
@DemoCityTest
class DemoZombiesTests {

    @LocalServerPort
    int port;
    @Autowired
    ConnectionProbing probing;
    @Autowired
    DSLContext dsl;
    @Autowired
    ConnectionDemo demo;
    @Autowired
    cn.suqian.govshare.exchange.ExchangeSimulator simulator;

    @Test
    void the_demo_shows_a_handful_of_zombie_candidates_and_no_infrastructure() throws Exception {
        // the simulator back-fills fourteen days through the ingest endpoint, then rolls them up
        DemoCityTest.Backfill.await(simulator);
        // the demo's systems behind firewalls push their heartbeats (the scheduler is off in tests)
        demo.pushHeartbeats();
        // the demo's probed targets, three rounds: the old processors are refused three times and judged DOWN
        List<String> probed = dsl.select(CONNECTION_TARGET.CODE).from(CONNECTION_TARGET)
                .where(CONNECTION_TARGET.PROBE.ne(cn.suqian.govshare.connection.ConnectionTarget.Probe.HEARTBEAT))
                .and(CONNECTION_TARGET.RETIRED_AT.isNull()).fetch(CONNECTION_TARGET.CODE);
        for (int round = 1; round <= 3; round++) {
            probing.runDue(OffsetDateTime.now().plusYears(5).plusDays(round), probed).toFuture().join();
        }
        Set<String> deadProcessorSystems = new HashSet<>(dsl.select(CONNECTION_TARGET.SYSTEM_CODE).from(CONNECTION_TARGET)
                .where(CONNECTION_TARGET.CODE.like("%.fep-old")).fetch(CONNECTION_TARGET.SYSTEM_CODE));
        assertThat(deadProcessorSystems).hasSize(ConnectionDemo.DEAD_PROCESSORS);

        JsonNode report = Api.as(port, "admin").get().uri("/api/v1/exchange/zombies?size=100").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        int systems = dsl.fetchCount(cn.suqian.govshare.db.schema.Tables.INFORMATION_SYSTEM);
        Set<String> listed = new HashSet<>();
        report.get("items").forEach(c -> {
            listed.add(c.get("systemCode").asString());
            assertThat(c.get("infrastructure").asBoolean()).as(c.toString()).isFalse();
            assertThat(c.get("lastTraffic").isNull()).as(c.toString()).isTrue();
            assertThat(c.get("lastSuccessfulCheck").isNull()).as(c.toString()).isTrue();
        });
        assertThat(listed).as(report.toString()).containsAll(deadProcessorSystems)
                .doesNotContain("egov.exchange-platform")
                .hasSizeLessThanOrEqualTo(10);
        assertThat(report.get("total").asInt()).isEqualTo(listed.size()).isLessThan(systems / 20);

        // and it stays a handful however long the platform is watched: every other system in use that is registered on
        // the exchange (and is not the platform's own infrastructure) exchanged within the back-filled days, so no
        // single-source "no traffic" candidate appears once the whole zombie period has been observed
        List<String> silentInUse = dsl.fetch("""
                SELECT s.code FROM information_system s
                WHERE s.retired_at IS NULL AND s.lifecycle_status NOT IN ('RETIRED', 'ZOMBIE') AND cardinality(s.exchange_aliases) > 0
                  AND NOT EXISTS (SELECT 1 FROM exchange_system_activity a WHERE a.system_code = s.code)
                ORDER BY s.code""").getValues(0, String.class);
        assertThat(silentInUse).as("registered systems in use without any traffic").containsExactlyInAnyOrderElementsOf(deadProcessorSystems);
    }
}
