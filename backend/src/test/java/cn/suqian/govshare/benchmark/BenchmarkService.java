package cn.suqian.govshare.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark measures against: an embedded PostgreSQL with an empty {@code govshare} database, and the built
 * service jar ({@code benchmark.jar}, default {@code backend/target/govshare.jar}) as a process of its own on a free
 * port over it, the administrator's password {@code benchmark-admin}, its output in {@code target/<log>}. Closed:
 * the service is stopped, then the database.
 */
final class BenchmarkService implements AutoCloseable {

    private final EmbeddedPostgres pg;
    private final Process process;
    private final int port;

    private BenchmarkService(EmbeddedPostgres pg, Process process, int port) {
        this.pg = pg;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts both: {@code shared_buffers} 256 MB, the service with heap {@code heap} (as for {@code -Xmx}) and
     * {@code settings} ({@code --name=value}) after the database ones.
     */
    static BenchmarkService start(String heap, String log, String... settings) throws Exception {
        Path jar = Path.of(System.getProperty("benchmark.jar", "backend/target/govshare.jar"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "256MB").start();
        try {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE govshare");
            }
            List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx" + heap, "-jar",
                    jar.toString(), "--server.port=" + port, "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "govshare"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    "--govshare.admin.initial-password=benchmark-admin"));
            command.addAll(List.of(settings));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target", log).toFile()).start();
            return new BenchmarkService(pg, process, port);
        } catch (Exception | Error e) {
            pg.close();
            throw e;
        }
    }

    EmbeddedPostgres pg() {
        return pg;
    }

    Process process() {
        return process;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        try {
            process.destroy();
            process.waitFor();
        } finally {
            pg.close();
        }
    }
}
