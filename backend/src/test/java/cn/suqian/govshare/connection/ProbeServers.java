package cn.suqian.govshare.connection;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.TcpServer;

import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real local servers for probe tests: an HTTP server with healthy, slow, hanging, wrong-status, text and
 * switchable routes; HTTPS servers with a self-signed, an expired and a trusted (by an extra trust store)
 * certificate made by the JDK's keytool; a TCP listener; and a port that refuses.
 */
final class ProbeServers implements AutoCloseable {

    static final char[] PASSWORD = "changeit".toCharArray();

    final AtomicInteger switchable = new AtomicInteger(200);
    final DisposableServer http;
    final DisposableServer tcp;
    final int refusingPort;

    ProbeServers() throws IOException {
        http = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/healthy", (req, res) -> res.sendString(Mono.just("service OK")))
                        .get("/slow", (req, res) -> res.sendString(Mono.delay(Duration.ofMillis(400)).thenReturn("slow but OK")))
                        .get("/hanging", (req, res) -> res.sendString(Mono.never()))
                        .get("/status/{code}", (req, res) -> res.status(Integer.parseInt(req.param("code"))).sendString(Mono.just("status")))
                        .get("/text", (req, res) -> res.sendString(Mono.just("nothing to see")))
                        .get("/switch", (req, res) -> res.status(switchable.get()).sendString(Mono.just("switch OK"))))
                .bindNow();
        tcp = TcpServer.create().host("127.0.0.1").port(0).handle((in, out) -> out.neverComplete()).bindNow();
        try (ServerSocket s = new ServerSocket(0)) {
            refusingPort = s.getLocalPort();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.port() + path;
    }

    /** A PKCS#12 key store with one self-signed key pair for localhost, valid from {@code start} (keytool syntax) for {@code days}. */
    static Path keyStore(Path dir, String name, String start, int days) throws Exception {
        Path file = dir.resolve(name + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-startdate", start, "-validity", String.valueOf(days),
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        return file;
    }

    /** A trust store holding the certificate of {@code keyStore}. */
    static KeyStore trustStoreOf(Path keyStore) throws Exception {
        KeyStore ks = load(keyStore);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", ks.getCertificate("server"));
        return trust;
    }

    static KeyStore load(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** An HTTPS server answering 200 "secure OK" with the key pair of {@code keyStore}. */
    static DisposableServer https(Path keyStore) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keyStore), PASSWORD);
        return HttpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(kmf)))
                .route(r -> r.get("/", (req, res) -> res.sendString(Mono.just("secure OK"))))
                .bindNow();
    }

    @Override
    public void close() {
        http.disposeNow();
        tcp.disposeNow();
    }
}
