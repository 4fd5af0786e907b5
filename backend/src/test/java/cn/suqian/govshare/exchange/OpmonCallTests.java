package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.OpmonRecords;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cn.suqian.govshare.support.OpmonRecords.aClientRecord;
import static cn.suqian.govshare.support.OpmonRecords.aProducerRecord;
import static org.assertj.core.api.Assertions.assertThat;

/** One call from its Client and Producer records: pairing, and the durations DOMAIN.md defines. */
class OpmonCallTests {

    static final long T0 = 1_795_000_000_000L;
    static final long WINDOW = 10 * 60 * 1000;
    static final ExchangeDirectory.Party WATER = new ExchangeDirectory.Party("water", "water.opmon-client");
    static final ExchangeDirectory.Party POLICE = new ExchangeDirectory.Party("public-security", "public-security.population");

    static OpmonRecord record(OpmonRecords.Builder b) {
        List<cn.suqian.govshare.web.FieldProblem> problems = new ArrayList<>();
        OpmonRecord r = OpmonRecord.parse(b.at(T0).fields(), 1, problems);
        assertThat(problems).isEmpty();
        return r;
    }

    static OpmonCall call(OpmonRecord... records) {
        OpmonCall call = new OpmonCall();
        for (OpmonRecord r : records) {
            call.attach(r, r.dedupeKey(), WATER, POLICE);
        }
        return call;
    }

    @Test
    void a_paired_call_has_every_duration() {
        // client: in 0, out 10, response in 190, out 200; producer: in 30, out 40, response in 150, out 160
        OpmonCall call = call(record(aClientRecord().timestamps(0, 10, 190, 200)), record(aProducerRecord().timestamps(30, 40, 150, 160)));

        assertThat(call.paired()).isTrue();
        assertThat(call.totalMs()).isEqualTo(200);          // 200 - 0
        assertThat(call.producerMs()).isEqualTo(130);       // 160 - 30
        assertThat(call.providerIsMs()).isEqualTo(110);     // 150 - 40
        assertThat(call.requestNetworkMs()).isEqualTo(20);  // 30 - 10
        assertThat(call.responseNetworkMs()).isEqualTo(30); // 190 - 160
    }

    @Test
    void an_orphan_has_only_the_durations_its_own_side_gives() {
        OpmonCall producerOnly = call(record(aProducerRecord().timestamps(30, 40, 150, 160)));

        assertThat(producerOnly.paired()).isFalse();
        assertThat(producerOnly.producerMs()).isEqualTo(130);
        assertThat(producerOnly.providerIsMs()).isEqualTo(110);
        assertThat(producerOnly.totalMs()).isNull();
        assertThat(producerOnly.requestNetworkMs()).isNull();
        assertThat(producerOnly.responseNetworkMs()).isNull();

        OpmonCall clientOnly = call(record(aClientRecord().timestamps(0, 10, 190, 200)));
        assertThat(clientOnly.totalMs()).isEqualTo(200);
        assertThat(clientOnly.producerMs()).isNull();
    }

    @Test
    void a_missing_timestamp_leaves_only_the_durations_that_need_it_unknown() {
        OpmonCall call = call(record(aClientRecord().timestamps(0, 10, 190, 200).set("responseOutTs", null)),
                record(aProducerRecord().timestamps(30, 40, 150, 160)));

        assertThat(call.totalMs()).isNull();
        assertThat(call.requestNetworkMs()).isEqualTo(20);
        assertThat(call.responseNetworkMs()).isEqualTo(30);
    }

    @Test
    void clocks_out_of_sync_show_as_negative_network_durations() {
        // the producer's clock is 50 ms behind: its request-in reads before the client's request-out
        OpmonCall call = call(record(aClientRecord().timestamps(0, 10, 190, 200)), record(aProducerRecord().timestamps(-20, -10, 100, 110)));

        assertThat(call.requestNetworkMs()).isEqualTo(-30);
        assertThat(call.responseNetworkMs()).isEqualTo(80);
    }

    @Test
    void the_clients_view_decides_start_outcome_and_sizes_whichever_record_comes_first() {
        OpmonRecord client = record(aClientRecord().timestamps(0, 10, 190, 200).set("requestSize", 1000).set("responseSize", 5000));
        OpmonRecord producer = record(aProducerRecord().timestamps(30, 40, 150, 160).set("requestSize", 999).set("responseSize", 4999)
                .set("succeeded", false));

        for (OpmonCall call : List.of(call(producer, client), call(client, producer))) {
            assertThat(call.startedAt).isEqualTo(client.startedAt());
            assertThat(call.succeeded).isTrue();
            assertThat(call.requestSize).isEqualTo(1000);
            assertThat(call.responseSize).isEqualTo(5000);
        }
        OpmonCall orphan = call(producer);
        assertThat(orphan.startedAt).isEqualTo(producer.startedAt());
        assertThat(orphan.succeeded).isFalse();
        assertThat(orphan.requestSize).isEqualTo(999);
    }

    @Test
    void a_call_knows_its_parties_and_resource() {
        OpmonCall call = call(record(aClientRecord().service("getSecurityServerHealthData")));

        assertThat(call.clientOrg).isEqualTo("water");
        assertThat(call.clientSystem).isEqualTo("water.opmon-client");
        assertThat(call.providerOrg).isEqualTo("public-security");
        assertThat(call.providerSystem).isEqualTo("public-security.population");
        assertThat(call.resource).isEqualTo("getSecurityServerHealthData.v1");
        assertThat(call.metaservice).isTrue();
        assertThat(call.messageId).isEqualTo("m-1");
    }

    @Test
    void the_missing_side_with_the_same_message_within_the_window_completes_a_call() {
        OpmonCall call = call(record(aClientRecord().xRequestId("x-1").timestamps(0, 10, 190, 200)));

        assertThat(call.accepts(record(aProducerRecord().xRequestId("x-1").timestamps(30, 40, 150, 160)), WINDOW)).isTrue();
        assertThat(call.accepts(record(aProducerRecord().timestamps(30, 40, 150, 160)), WINDOW))
                .as("a record without xRequestId still pairs").isTrue();
        assertThat(call.accepts(record(aProducerRecord().timestamps(WINDOW, WINDOW + 1, WINDOW + 2, WINDOW + 3)), WINDOW))
                .as("exactly at the window's edge").isTrue();
    }

    @Test
    void another_message_request_side_or_time_is_another_call() {
        OpmonCall call = call(record(aClientRecord().xRequestId("x-1").timestamps(0, 10, 190, 200)));

        assertThat(call.accepts(record(aProducerRecord().messageId("m-2").timestamps(30, 40, 150, 160)), WINDOW)).isFalse();
        assertThat(call.accepts(record(aProducerRecord().xRequestId("x-2").timestamps(30, 40, 150, 160)), WINDOW)).isFalse();
        assertThat(call.accepts(record(aClientRecord().xRequestId("x-1").timestamps(30, 40, 150, 160)), WINDOW))
                .as("the client side is taken").isFalse();
        assertThat(call.accepts(record(aProducerRecord().timestamps(WINDOW + 1, WINDOW + 2, WINDOW + 3, WINDOW + 4)), WINDOW)).isFalse();
        assertThat(call.accepts(record(aProducerRecord().timestamps(-WINDOW - 1, 0, 1, 2)), WINDOW)).isFalse();
    }
}
