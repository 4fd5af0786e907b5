package cn.suqian.govshare.overview;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview's live stream over real HTTP: events reach open streams; a client reconnecting with Last-Event-ID
 * after a drop gets exactly what it missed, or a resync when that is no longer known; a heartbeat arriving through
 * connection monitoring becomes a "measurement" event without anyone reloading; strangers are refused.
 */
@IntegrationTest
class OverviewLiveTests {

    static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };

    @LocalServerPort
    int port;
    @Autowired
    OverviewLive live;

    Flux<ServerSentEvent<Map<String, Object>>> stream(String lastEventId) {
        var spec = Api.as(port, "leader").get().uri("/api/v1/overview/stream").accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            spec = spec.header("Last-Event-ID", lastEventId);
        }
        return spec.exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()
                .filter(e -> e.event() != null); // keep-alive comments carry no event
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(until);
            Thread.sleep(20);
        }
    }

    @Test
    void published_events_reach_an_open_stream_in_order_with_ids() throws Exception {
        int before = live.openStreams();
        CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> received =
                stream(null).take(3).collectList().timeout(Duration.ofSeconds(15)).toFuture();
        await(() -> live.openStreams() > before);
        var first = live.publish("incident", Map.of("openIncidents", 1));
        var second = live.publish("figures", Map.of("day", "2026-01-01"));
        var events = received.get();
        assertThat(events).extracting(ServerSentEvent::event).containsExactly("hello", "incident", "figures");
        assertThat(events.get(0).retry()).isEqualTo(Duration.ofSeconds(3));
        assertThat(events.get(1).id()).isEqualTo(Long.toString(first.id()));
        assertThat(events.get(2).id()).isEqualTo(Long.toString(second.id()));
        assertThat(events.get(1).data()).containsEntry("openIncidents", 1);
    }

    @Test
    void a_client_reconnecting_with_last_event_id_gets_what_it_missed() {
        var seen = live.publish("measurement", Map.of("n", 1));
        // the client drops here; meanwhile two events are published
        var missed1 = live.publish("incident", Map.of("n", 2));
        var missed2 = live.publish("anomaly", Map.of("n", 3));
        var events = stream(Long.toString(seen.id())).take(3).collectList().block(Duration.ofSeconds(15));
        assertThat(events).extracting(ServerSentEvent::event).containsExactly("hello", "incident", "anomaly");
        assertThat(events.get(0).data()).containsEntry("resumed", true);
        assertThat(events).extracting(ServerSentEvent::id).contains(Long.toString(missed1.id()), Long.toString(missed2.id()));
    }

    @Test
    void an_id_this_node_no_longer_knows_asks_the_client_to_resync() {
        var events = stream("5").take(1).collectList().block(Duration.ofSeconds(15));
        assertThat(events).extracting(ServerSentEvent::event).containsExactly("resync");
        assertThat(events.getFirst().data()).containsEntry("resumed", false);
    }

    @Test
    void a_heartbeat_arriving_through_connection_monitoring_becomes_a_measurement_event() throws Exception {
        Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(aSystem().code("water.live-probe").organisation("water").name("实时推送探针系统").mustConnect(true).json())
                .exchange().expectStatus().isCreated();
        Api.as(port, "admin").post().uri("/api/v1/connection-targets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "water.live-hb", "systemCode", "water.live-probe", "kind", "INTERFACE", "name", "实时推送心跳", "probe", "HEARTBEAT"))
                .exchange().expectStatus().isCreated();
        int before = live.openStreams();
        CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> received = stream(null)
                .filter(e -> "measurement".equals(e.event())).take(1).collectList().timeout(Duration.ofSeconds(15)).toFuture();
        await(() -> live.openStreams() > before);
        live.poll(); // baseline
        Api.as(port, "admin").post().uri("/api/v1/connections/heartbeats").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("target", "water.live-hb", "latencyMs", 12)).exchange().expectStatus().isOk();
        live.poll(); // the scheduler is off in tests: the test ticks the poller
        var events = received.get();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().data()).containsKey("lastCheckAt");
    }

    @Test
    void the_stream_refuses_strangers() {
        Api.anonymous(port).get().uri("/api/v1/overview/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isUnauthorized();
    }
}
