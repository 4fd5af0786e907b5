package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_QUARANTINE;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static cn.suqian.govshare.support.IntervalStats.anInterval;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@SuppressWarnings("unchecked")
class StatsIngestTests {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    ExchangeRollups rollups;

    static String line(OffsetDateTime start, String provider, String consumer, String resource, long calls, long failed) {
        return anInterval().start(start).provider(provider).consumer(consumer).resource(resource).calls(calls, failed).json();
    }

    Map<String, Object> push(String user, String body, String type, String key, int status) {
        var spec = Api.as(port, user).post().uri("/api/v1/exchange/stats").contentType(MediaType.parseMediaType(type));
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return (Map<String, Object>) spec.bodyValue(body).exchange().expectStatus().isEqualTo(status)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    long calls(String resource) {
        Long v = dsl.select(org.jooq.impl.DSL.sum(EXCHANGE_STAT.CALLS)).from(EXCHANGE_STAT).where(EXCHANGE_STAT.RESOURCE.eq(resource))
                .fetchOne(0, Long.class);
        return v == null ? 0 : v;
    }

    @Test
    void resending_an_interval_replaces_it_and_a_repeated_batch_is_not_counted_twice() {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(3);
        String body = "[" + line(t, "water", "egov", "res-replay", 100, 1) + "," + line(t.plusMinutes(5), "water", "egov", "res-replay", 50, 0) + "]";
        var first = push("admin", body, "application/json", "k-1", 200);
        assertThat(first).containsEntry("accepted", 2).containsEntry("replayed", false);
        var again = push("admin", body, "application/json", "k-1", 200);
        assertThat(again).containsEntry("replayed", true).containsEntry("batchId", first.get("batchId"));
        assertThat(calls("res-replay")).isEqualTo(150);
        // without a key, the same intervals re-sent with new figures replace the old ones
        push("admin", "[" + line(t, "water", "egov", "res-replay", 70, 0) + "]", "application/json", null, 200);
        assertThat(calls("res-replay")).isEqualTo(120);
        // the same key for another body is a conflict, and nothing changes
        push("admin", "[" + line(t, "water", "egov", "res-replay", 1, 0) + "]", "application/json", "k-1", 409);
        assertThat(calls("res-replay")).isEqualTo(120);
    }

    @Test
    void partitions_for_a_batch_are_made_in_their_own_transaction_before_the_batch() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dsl.fetchValue("SELECT ts_timescaledb_enabled()", Boolean.class) == Boolean.FALSE,
                "plain-PostgreSQL partitions");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(1);
        OffsetDateTime old = now.minusDays(300); // inside retention, outside the partitions made ahead
        push("admin", "[" + line(now, "water", "egov", "res-ahead", 1, 0) + "]", "application/json", "k-ahead", 200);
        java.util.function.Supplier<Integer> partitions = () -> dsl.fetchCount(org.jooq.impl.DSL.selectOne()
                .from("pg_inherits").where("inhparent = 'exchange_stat'::regclass"));
        int before = partitions.get();

        // the batch itself is refused (a key reused for another body) and rolled back; its partition stays, made before it
        push("admin", "[" + line(old, "water", "egov", "res-ahead", 5, 0) + "]", "application/json", "k-ahead", 409);
        assertThat(partitions.get()).isEqualTo(before + 1);
        assertThat(calls("res-ahead")).isEqualTo(1);
    }

    @Test
    void ndjson_and_csv_are_accepted_too() {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(5);
        push("admin", line(t, "water", "egov", "res-nd", 5, 0) + "\n" + line(t, "egov", "water", "res-nd", 6, 0) + "\n",
                "application/x-ndjson", null, 200);
        String csv = "intervalStart,intervalSeconds,provider,consumer,resource,calls,failedCalls,records,bytes,latencyMsSum,latencyMsMax\n"
                + t + ",300,health,hrss,res-csv,7,1,70,7000,350,90\n";
        assertThat(push("admin", csv, "text/csv", null, 200)).containsEntry("accepted", 1);
        assertThat(calls("res-nd")).isEqualTo(11);
        assertThat(calls("res-csv")).isEqualTo(7);
    }

    @Test
    void a_bad_batch_is_refused_whole_with_every_offending_line_and_field() {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(2);
        String body = line(t, "water", "egov", "res-bad", 10, 0) + "\n"
                + "{\"intervalStart\":\"yesterday\",\"intervalSeconds\":0,\"provider\":\"water\",\"consumer\":\"egov\",\"resource\":\"res-bad\",\"calls\":-1}\n"
                + line(t, "water", "egov", "res-bad", 5, 9) + "\n"
                + "not json\n";
        var problem = push("admin", body, "application/x-ndjson", null, 400);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors).extracting(e -> e.get("row") + ":" + e.get("field")).contains("4:line");
        var body2 = line(t, "water", "egov", "res-bad", 10, 0) + "\n"
                + "{\"intervalStart\":\"yesterday\",\"intervalSeconds\":0,\"provider\":\"water\",\"consumer\":\"egov\",\"resource\":\"res-bad\",\"calls\":-1}\n"
                + line(t.plusMinutes(5), "water", "egov", "res-bad", 5, 9) + "\n"
                + line(t, "water", "egov", "res-bad", 3, 0) + "\n";
        errors = (List<Map<String, Object>>) push("admin", body2, "application/x-ndjson", null, 400).get("errors");
        assertThat(errors).extracting(e -> e.get("row") + ":" + e.get("field"))
                .contains("2:intervalStart", "2:intervalSeconds", "2:calls", "3:failedCalls", "4:intervalStart");
        assertThat(calls("res-bad")).isZero();
    }

    @Test
    void unknown_parties_are_quarantined_then_reattributed_when_the_mapping_exists() {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(4);
        var result = push("admin", "[" + line(t, "CN/GOV/SQ-NEWCO/billing", "egov", "res-q", 40, 0) + ","
                + line(t, "water", "egov", "res-q", 2, 0) + "]", "application/json", null, 200);
        assertThat(result).containsEntry("accepted", 1).containsEntry("quarantined", 1);
        assertThat(calls("res-q")).as("never counted against a wrong organisation").isEqualTo(2);
        assertThat(dsl.fetchCount(EXCHANGE_QUARANTINE, EXCHANGE_QUARANTINE.REASON.contains("CN/GOV/SQ-NEWCO/billing")
                .and(EXCHANGE_QUARANTINE.RESOLVED_AT.isNull()))).isEqualTo(1);
        Api.as(port, "admin").get().uri("/api/v1/exchange/quarantine").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.reasonCode == 'unknownProvider')].reasonParams.provider").value(p ->
                        assertThat((List<String>) p).contains("CN/GOV/SQ-NEWCO/billing"));

        // the office registers the alias on a system of the finance bureau, then re-attributes
        Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "finance.billing", "organisationCode", "finance", "name", "非税收入收缴系统",
                        "fundingType", "GOVERNMENT_INVESTMENT", "lifecycleStatus", "IN_USE", "deployment", "GOV_CLOUD",
                        "network", "EGOV_EXTRANET", "mustConnect", true, "exchangeAliases", List.of("CN/GOV/SQ-NEWCO/billing")))
                .exchange().expectStatus().isCreated();
        var reprocessed = Api.as(port, "admin").post().uri("/api/v1/exchange/quarantine/reprocess").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((Integer) reprocessed.get("resolved")).isGreaterThanOrEqualTo(1);
        assertThat(calls("res-q")).isEqualTo(42);
        assertThat(dsl.select(EXCHANGE_STAT.PROVIDER_CODE, EXCHANGE_STAT.PROVIDER_SYSTEM_CODE).from(EXCHANGE_STAT)
                .where(EXCHANGE_STAT.RESOURCE.eq("res-q").and(EXCHANGE_STAT.CALLS.eq(40L))).fetchOne())
                .satisfies(r -> {
                    assertThat(r.value1()).isEqualTo("finance");
                    assertThat(r.value2()).isEqualTo("finance.billing");
                });
    }

    @Test
    void two_names_for_the_same_organisation_in_one_batch_are_refused_not_merged() {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(7);
        Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "education.alias-probe", "organisationCode", "education", "name", "别名探针",
                        "fundingType", "GOVERNMENT_INVESTMENT", "lifecycleStatus", "IN_USE", "deployment", "GOV_CLOUD",
                        "network", "EGOV_EXTRANET", "mustConnect", true, "exchangeAliases", List.of("CN/GOV/SQ-EDU/probe")))
                .exchange().expectStatus().isCreated();
        var problem = push("admin", "[" + line(t, "education", "egov", "res-alias", 5, 0) + ","
                + line(t, "CN/GOV/SQ-EDU/probe", "egov", "res-alias", 6, 0) + "]", "application/json", null, 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).singleElement()
                .satisfies(e -> {
                    assertThat(e.get("code")).isEqualTo("sameAttributedInterval");
                    assertThat((Map<String, Object>) e.get("params")).containsEntry("record", 1);
                });
        assertThat(calls("res-alias")).isZero();
    }

    @Test
    void only_machine_clients_and_the_office_may_push() {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(1);
        String body = "[" + line(t, "water", "egov", "res-auth", 1, 0) + "]";
        for (String user : List.of("leader", "finance", "auditor", "dept-water")) {
            Api.as(port, user).post().uri("/api/v1/exchange/stats").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isForbidden();
        }
        assertThat(calls("res-auth")).isZero();
    }

    @Test
    void rollups_and_reads_see_the_pushed_traffic() {
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(6);
        push("admin", "[" + line(t, "transport", "urban-mgmt", "res-read", 30, 3) + "," + line(t, "urban-mgmt", "transport", "res-read2", 10, 0) + "]",
                "application/json", null, 200);
        rollups.refresh();
        String from = t.minusHours(1).toString();
        String to = t.plusHours(2).toString();
        Api.as(port, "dept-transport").get().uri(u -> u.path("/api/v1/exchange/summary").queryParam("from", from).queryParam("to", to).build())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.organisations.length()").isEqualTo(1)
                .jsonPath("$.organisations[0].organisation").isEqualTo("transport")
                .jsonPath("$.organisations[0].provided.calls").isEqualTo(30)
                .jsonPath("$.organisations[0].provided.failedCalls").isEqualTo(3)
                .jsonPath("$.organisations[0].consumed.calls").isEqualTo(10);
        Api.as(port, "leader").get().uri(u -> u.path("/api/v1/exchange/flows").queryParam("from", from).queryParam("to", to)
                        .queryParam("organisation", "urban-mgmt").build())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.flows[?(@.provider == 'transport' && @.consumer == 'urban-mgmt')].calls").isEqualTo(List.of(30));
        Api.as(port, "leader").get().uri(u -> u.path("/api/v1/exchange/series").queryParam("from", from).queryParam("to", to)
                        .queryParam("organisation", "transport").build())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.granularity").isEqualTo("HOUR")
                .jsonPath("$.points[0].calls").isEqualTo(40);
        Api.as(port, "leader").get().uri(u -> u.path("/api/v1/exchange/top-resources").queryParam("from", from).queryParam("to", to)
                        .queryParam("organisation", "transport").build())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.resources[0].resource").isEqualTo("res-read");
        Api.as(port, "leader").get().uri(u -> u.path("/api/v1/exchange/summary").queryParam("from", to).queryParam("to", from).build())
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
    }
}
