package cn.suqian.govshare.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build-time tool: applies the Flyway migrations to a throw-away embedded PostgreSQL and
 * reverse-engineers it with jOOQ, so the generated classes can never drift from the schema.
 * Skips the work when the migrations have not changed since the last generation.
 *
 * <p>Arguments: target directory, target package.
 */
public final class JooqCodegen {

    /** Tables jOOQ must not generate: Flyway's bookkeeping and runtime-created time partitions. */
    static final String EXCLUDES = "flyway_schema_history|.*_p\\d{6,}|.*_default";

    private JooqCodegen() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        String packageName = args[1];
        String fingerprint = migrationsFingerprint();
        Path stamp = target.resolve(".migrations.sha256");
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
            System.out.println("[jooq-codegen] migrations unchanged, generated sources are current");
            return;
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Flyway.configure()
                    .dataSource(pg.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .placeholders(java.util.Map.of("timescaledb", "off"))
                    .load()
                    .migrate();
            Configuration configuration = new Configuration()
                    .withJdbc(new Jdbc()
                            .withDriver("org.postgresql.Driver")
                            .withUrl(pg.getJdbcUrl("postgres", "postgres"))
                            .withUser("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withExcludes(EXCLUDES))
                            .withGenerate(new Generate()
                                    .withJavaTimeTypes(true)
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withRoutines(false))
                            .withTarget(new Target()
                                    .withPackageName(packageName)
                                    .withDirectory(target.toString())
                                    .withClean(true)));
            GenerationTool.generate(configuration);
        }
        Files.writeString(stamp, fingerprint);
    }

    /** SHA-256 over every migration's name and content, in name order. */
    private static String migrationsFingerprint() throws IOException, URISyntaxException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        var url = Thread.currentThread().getContextClassLoader().getResource("db/migration");
        if (url == null || !"file".equals(url.getProtocol())) {
            return "unknown-" + System.nanoTime();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            digest.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(f)) {
                digest.update(in.readAllBytes());
            }
        }
        digest.update(EXCLUDES.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }
}
