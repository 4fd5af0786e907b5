package cn.suqian.govshare.connection;

import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.TcpClient;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Probes over non-blocking sockets (Reactor Netty): HTTP(S) — status, optional expected text, certificate
 * expiry — and TCP connect. Every probe has its own deadline; a new connection each time (a pooled one
 * would hide a broken network path). Certificates are checked by the JDK's trust store (plus an optional
 * extra one); an expired certificate is named as such, an untrusted one is a TLS error.
 */
public class ConnectionProbes {

    /**
     * Timers of the probes' own deadlines: a plain daemon thread, not Reactor's parallel scheduler, whose
     * threads must never park (its idle wait on a delayed task would count as blocking there).
     */
    static final reactor.core.scheduler.Scheduler TIMER = reactor.core.scheduler.Schedulers.fromExecutorService(
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("connection-timer").factory()),
            "connection-timer");

    /** Largest body read when looking for the expected text; the rest is not read. */
    static final int MAX_BODY = 256 * 1024;

    private final HttpClient plain;
    private final HttpClient secure;
    private final ConnectionProvider provider = ConnectionProvider.newConnection();
    private final Clock clock;

    public ConnectionProbes(KeyStore extraTrust, Clock clock) {
        this.clock = clock;
        // Netty's own asynchronous DNS resolver: a name lookup never blocks an event loop
        this.plain = HttpClient.create(provider).resolver(spec -> spec.queryTimeout(Duration.ofSeconds(3))).followRedirect(false).compress(false);
        TrustManager trust = new ExpiryFirstTrustManager(extraTrust);
        this.secure = plain.secure(spec -> spec.sslContext(Http11SslContextSpec.forClient()
                .configure(b -> b.trustManager(new SingleTrustManagerFactory(trust)))));
    }

    /** Runs one probe; never fails, the failure is the result. */
    public Mono<CheckResult> probe(ProbeSpec spec) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            OffsetDateTime at = OffsetDateTime.now(clock);
            Mono<CheckResult> probe = switch (spec.probe()) {
                case HTTP -> http(spec, at, started);
                case TCP -> tcp(spec, at, started);
                case HEARTBEAT -> Mono.error(new IllegalArgumentException("heartbeat targets are not probed"));
            };
            return probe.timeout(Duration.ofMillis(spec.timeoutMs()), TIMER)
                    .onErrorResume(e -> Mono.just(failure(spec, at, started, e)));
        });
    }

    private Mono<CheckResult> http(ProbeSpec spec, OffsetDateTime at, long started) {
        URI uri = URI.create(spec.address());
        AtomicReference<OffsetDateTime> certExpiry = new AtomicReference<>();
        HttpClient client = ("https".equals(uri.getScheme()) ? secure : plain)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, spec.timeoutMs())
                .responseTimeout(Duration.ofMillis(spec.timeoutMs()))
                .doOnResponse((response, connection) -> {
                    SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
                    if (ssl != null) {
                        try {
                            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
                            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                                certExpiry.set(leaf.getNotAfter().toInstant().atOffset(ZoneOffset.UTC));
                            }
                        } catch (SSLException e) {
                            // no peer certificate to report: nothing to warn about
                        }
                    }
                });
        return client.get().uri(uri).responseSingle((response, body) -> {
            int status = response.status().code();
            // read as a byte array either way: that copies and releases the pooled buffer (an ignored one would leak)
            Mono<String> text = body.asByteArray()
                    .map(b -> spec.expectedText() == null ? "" : new String(b, 0, Math.min(b.length, MAX_BODY), StandardCharsets.UTF_8))
                    .defaultIfEmpty("");
            return text.map(t -> {
                int latency = elapsed(started);
                if (!spec.statusExpected(status)) {
                    return CheckResult.failure(spec.targetCode(), at, CheckCause.HTTP_STATUS, "HTTP " + status + ", expected " + spec.expectedStatus(),
                            latency, status, CheckSource.PROBE);
                }
                if (spec.expectedText() != null && !t.contains(spec.expectedText())) {
                    return CheckResult.failure(spec.targetCode(), at, CheckCause.TEXT_MISSING, "body lacks \"" + spec.expectedText() + "\"",
                            latency, status, CheckSource.PROBE);
                }
                OffsetDateTime expiry = certExpiry.get();
                String warning = expiry != null && expiry.isBefore(at.plusDays(spec.certWarningDays()))
                        ? "certificate expires " + expiry.toLocalDate() : null;
                return CheckResult.success(spec.targetCode(), at, latency, status, expiry, warning, CheckSource.PROBE);
            });
        });
    }

    private Mono<CheckResult> tcp(ProbeSpec spec, OffsetDateTime at, long started) {
        int colon = spec.address().lastIndexOf(':');
        String host = spec.address().substring(0, colon);
        int port = Integer.parseInt(spec.address().substring(colon + 1));
        return TcpClient.create(provider).resolver(dns -> dns.queryTimeout(Duration.ofSeconds(3))).host(host).port(port)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, spec.timeoutMs())
                .connect()
                .map(connection -> {
                    connection.dispose();
                    return CheckResult.success(spec.targetCode(), at, elapsed(started), null, null, null, CheckSource.PROBE);
                });
    }

    private static int elapsed(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    private CheckResult failure(ProbeSpec spec, OffsetDateTime at, long started, Throwable e) {
        return CheckResult.failure(spec.targetCode(), at, causeOf(e), describe(e), elapsed(started), null, CheckSource.PROBE);
    }

    /** The most specific cause found anywhere in the exception chain. */
    static CheckCause causeOf(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < 20; t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof CertificateExpiredException) {
                return CheckCause.CERT_EXPIRED;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof TimeoutException || t instanceof ConnectTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return CheckCause.TIMEOUT;
            }
            if (t instanceof UnknownHostException) {
                return CheckCause.DNS;
            }
            if (t instanceof SSLException || t instanceof CertificateException) {
                return CheckCause.TLS_ERROR;
            }
            if (t instanceof ConnectException) {
                return String.valueOf(t.getMessage()).toLowerCase().contains("refused") ? CheckCause.REFUSED : CheckCause.NETWORK;
            }
        }
        return CheckCause.NETWORK;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    /** Checks the leaf's validity first (so an expired certificate is called expired), then trust. */
    static final class ExpiryFirstTrustManager extends X509ExtendedTrustManager {
        private final List<X509TrustManager> delegates = new ArrayList<>();

        ExpiryFirstTrustManager(KeyStore extra) {
            delegates.add(trustManager(null));
            if (extra != null) {
                delegates.add(trustManager(extra));
            }
        }

        private static X509TrustManager trustManager(KeyStore store) {
            try {
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init(store);
                for (TrustManager tm : f.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x) {
                        return x;
                    }
                }
                throw new IllegalStateException("no X509 trust manager");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void check(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain.length > 0) {
                chain[0].checkValidity();
            }
            CertificateException last = null;
            for (X509TrustManager d : delegates) {
                try {
                    d.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { check(chain, authType); }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { check(chain, authType); }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { check(chain, authType); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { throw new CertificateException("client side only"); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { throw new CertificateException("client side only"); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException { throw new CertificateException("client side only"); }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    /** Netty takes a factory; this one hands out the one trust manager. */
    static final class SingleTrustManagerFactory extends SimpleTrustManagerFactory {
        private final TrustManager trust;

        SingleTrustManagerFactory(TrustManager trust) {
            this.trust = trust;
        }

        @Override protected void engineInit(KeyStore keyStore) { }
        @Override protected void engineInit(ManagerFactoryParameters parameters) { }
        @Override protected TrustManager[] engineGetTrustManagers() { return new TrustManager[]{trust}; }
    }
}
