package cn.suqian.govshare.connection;

import cn.suqian.govshare.connection.ConnectionTarget.Probe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.DisposableServer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes against real local servers, not mocks: each kind of trouble is named by its cause, within the
 * probe's own timeout, and a hanging target delays nobody else.
 */
class ConnectionProbesTests {

    static ProbeServers servers;
    static ConnectionProbes probes = new ConnectionProbes(null, Clock.systemUTC());

    @BeforeAll
    static void start() throws Exception {
        servers = new ProbeServers();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    static ProbeSpec http(String url) {
        return new ProbeSpec("t", Probe.HTTP, url, 1500, "200-399", null, 14);
    }

    static CheckResult run(ProbeSpec spec) {
        return probes.probe(spec).toFuture().join();
    }

    @Test
    void a_healthy_endpoint_succeeds_with_its_status_and_latency() {
        CheckResult r = run(http(servers.url("/healthy")));
        assertThat(r.ok()).isTrue();
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.cause()).isNull();
        assertThat(r.latencyMs()).isBetween(0, 1500);
        assertThat(r.source()).isEqualTo(CheckSource.PROBE);
    }

    @Test
    void a_slow_endpoint_within_the_timeout_succeeds_and_its_latency_shows_it() {
        CheckResult r = run(http(servers.url("/slow")));
        assertThat(r.ok()).isTrue();
        assertThat(r.latencyMs()).isGreaterThanOrEqualTo(390);
    }

    @Test
    void a_hanging_endpoint_times_out_at_the_probe_timeout() {
        long started = System.nanoTime();
        CheckResult r = run(new ProbeSpec("t", Probe.HTTP, servers.url("/hanging"), 300, "200-399", null, 14));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.ok()).isFalse();
        assertThat(r.cause()).isEqualTo(CheckCause.TIMEOUT);
        assertThat(ms).isBetween(250L, 3000L);
    }

    @Test
    void one_hanging_target_does_not_delay_the_others() {
        var hanging = probes.probe(new ProbeSpec("h", Probe.HTTP, servers.url("/hanging"), 3000, "200-399", null, 14)).toFuture();
        long started = System.nanoTime();
        CheckResult healthy = run(http(servers.url("/healthy")));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(healthy.ok()).isTrue();
        assertThat(ms).isLessThan(1000);
        assertThat(hanging.isDone()).isFalse();
        assertThat(hanging.join().cause()).isEqualTo(CheckCause.TIMEOUT);
    }

    @Test
    void a_refused_connection_is_called_refused() {
        CheckResult r = run(http("http://127.0.0.1:" + servers.refusingPort + "/"));
        assertThat(r.ok()).isFalse();
        assertThat(r.cause()).isEqualTo(CheckCause.REFUSED);
        CheckResult tcp = run(new ProbeSpec("t", Probe.TCP, "127.0.0.1:" + servers.refusingPort, 1000, "200-399", null, 14));
        assertThat(tcp.cause()).isEqualTo(CheckCause.REFUSED);
    }

    @Test
    void an_unexpected_status_fails_with_the_status() {
        CheckResult r = run(http(servers.url("/status/503")));
        assertThat(r.ok()).isFalse();
        assertThat(r.cause()).isEqualTo(CheckCause.HTTP_STATUS);
        assertThat(r.httpStatus()).isEqualTo(503);
        assertThat(run(new ProbeSpec("t", Probe.HTTP, servers.url("/status/204"), 1500, "200,204", null, 14)).ok()).isTrue();
        assertThat(run(new ProbeSpec("t", Probe.HTTP, servers.url("/status/302"), 1500, "200", null, 14)).cause())
                .isEqualTo(CheckCause.HTTP_STATUS);
    }

    @Test
    void a_body_without_the_expected_text_fails_and_one_with_it_succeeds() {
        assertThat(run(new ProbeSpec("t", Probe.HTTP, servers.url("/text"), 1500, "200-399", "service OK", 14)).cause())
                .isEqualTo(CheckCause.TEXT_MISSING);
        assertThat(run(new ProbeSpec("t", Probe.HTTP, servers.url("/healthy"), 1500, "200-399", "service OK", 14)).ok()).isTrue();
    }

    @Test
    void an_unknown_host_is_a_dns_failure() {
        CheckResult r = run(http("http://no-such-host.invalid/health"));
        assertThat(r.ok()).isFalse();
        assertThat(r.cause()).isEqualTo(CheckCause.DNS);
    }

    @Test
    void a_tcp_listener_is_reached() {
        CheckResult r = run(new ProbeSpec("t", Probe.TCP, "127.0.0.1:" + servers.tcp.port(), 1000, "200-399", null, 14));
        assertThat(r.ok()).isTrue();
        assertThat(r.latencyMs()).isNotNull();
    }

    @Test
    void a_self_signed_certificate_is_a_tls_error_and_an_expired_one_is_called_expired(@TempDir Path dir) throws Exception {
        DisposableServer selfSigned = ProbeServers.https(ProbeServers.keyStore(dir, "self", "-1d", 365));
        DisposableServer expired = ProbeServers.https(ProbeServers.keyStore(dir, "expired", "-60d", 30));
        try {
            CheckResult untrusted = run(http("https://localhost:" + selfSigned.port() + "/"));
            assertThat(untrusted.ok()).isFalse();
            assertThat(untrusted.cause()).isEqualTo(CheckCause.TLS_ERROR);
            CheckResult old = run(http("https://localhost:" + expired.port() + "/"));
            assertThat(old.ok()).isFalse();
            assertThat(old.cause()).isEqualTo(CheckCause.CERT_EXPIRED);
        } finally {
            selfSigned.disposeNow();
            expired.disposeNow();
        }
    }

    @Test
    void a_trusted_certificate_close_to_expiry_succeeds_with_a_warning_and_its_expiry(@TempDir Path dir) throws Exception {
        Path store = ProbeServers.keyStore(dir, "soon", "-1d", 6);
        DisposableServer soon = ProbeServers.https(store);
        try {
            ConnectionProbes trusting = new ConnectionProbes(ProbeServers.trustStoreOf(store), Clock.systemUTC());
            CheckResult r = trusting.probe(new ProbeSpec("t", Probe.HTTP, "https://localhost:" + soon.port() + "/", 3000, "200-399",
                    "secure OK", 14)).toFuture().join();
            assertThat(r.ok()).as(String.valueOf(r)).isTrue();
            assertThat(r.certExpiresAt()).isNotNull();
            assertThat(r.detail()).startsWith("certificate expires");
            CheckResult relaxed = trusting.probe(new ProbeSpec("t", Probe.HTTP, "https://localhost:" + soon.port() + "/", 3000, "200-399",
                    null, 2)).toFuture().join();
            assertThat(relaxed.detail()).isNull();
        } finally {
            soon.disposeNow();
        }
    }

    @Test
    void many_probes_at_once_including_hanging_ones_all_finish_within_their_timeout() {
        List<ProbeSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            specs.add(new ProbeSpec("t" + i, Probe.HTTP, servers.url(i % 10 == 0 ? "/hanging" : "/healthy"), 800, "200-399", null, 14));
        }
        long started = System.nanoTime();
        List<CheckResult> results = reactor.core.publisher.Flux.fromIterable(specs).flatMap(probes::probe, 256).collectList()
                .toFuture().join();
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(results).hasSize(200);
        assertThat(results.stream().filter(CheckResult::ok)).hasSize(180);
        assertThat(results.stream().filter(r -> r.cause() == CheckCause.TIMEOUT)).hasSize(20);
        assertThat(ms).isLessThan(5000);
    }
}
