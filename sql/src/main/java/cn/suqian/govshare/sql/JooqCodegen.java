package cn.suqian.govshare.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.OnError;
import org.jooq.meta.jaxb.Target;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build-time tool: applies the Flyway migrations to a throw-away embedded PostgreSQL and
 * reverse-engineers it with jOOQ, so the generated classes can never drift from the schema.
 * Skips the work when neither the migrations nor this configuration changed since the last generation.
 *
 * <p>Arguments: target directory, target package.
 */
public final class JooqCodegen {

    /** Tables jOOQ must not generate: Flyway's bookkeeping and runtime-created time partitions. */
    static final String EXCLUDES = "flyway_schema_history|.*_p\\d{6,}|.*_default";

    private static final String APP = "cn.suqian.govshare.";

    /**
     * Text columns holding a domain enum (a CHECK lists its constants), generated as that enum so the code
     * maps it nowhere else. The enums are named, not loaded: this tool runs before the backend is compiled,
     * and the generated code only refers to them.
     */
    static final Map<String, String> ENUM_COLUMNS = enumColumns(
            "organisation.type", "organisation.OrganisationType",
            "app_user.role", "access.Role",
            "api_token.scope", "access.Role",
            "private_network.migration_status", "facility.MigrationStatus",
            "data_room.migration_status", "facility.MigrationStatus",
            "information_system.funding_type", "inventory.InformationSystem.FundingType",
            "information_system.lifecycle_status", "inventory.InformationSystem.LifecycleStatus",
            "information_system.deployment", "inventory.InformationSystem.Deployment",
            "information_system.network", "inventory.InformationSystem.NetworkType",
            "catalogue_resource.format", "catalogue.CatalogueResource.Format",
            "catalogue_resource.sharing_type", "catalogue.CatalogueResource.SharingType",
            "catalogue_resource.sharing_method", "catalogue.CatalogueResource.SharingMethod",
            "catalogue_resource.open_attribute", "catalogue.CatalogueResource.OpenAttribute",
            "catalogue_resource.update_cycle", "catalogue.CatalogueResource.UpdateCycle",
            "connection_target.kind", "connection.ConnectionTarget.Kind",
            "connection_target.probe", "connection.ConnectionTarget.Probe",
            "key_task.kind", "keytask.KeyTask.Kind",
            "exchange_batch.kind", "exchange.BatchKind",
            "exchange_stat.source", "exchange.StatSource",
            "exchange_quarantine.kind", "exchange.StatSource",
            "opmon_record.side", "exchange.OpmonSide",
            "exchange_anomaly.kind", "exchange.Anomaly.Kind",
            "exchange_anomaly.status", "exchange.Anomaly.Status",
            "exchange_collector_run.status", "exchange.CollectorRun.Status",
            "exchange_source.refused_page_policy", "exchange.CollectorSources.RefusedPagePolicy",
            "exchange_refused_page.decision", "exchange.CollectorRefusedPages.Decision",
            "exchange_anomaly.resolution", "exchange.Anomaly.Resolution",
            // connection status (issue 11)
            "connection_state.status", "connection.ConnectionStatus",
            "connection_check.cause", "connection.CheckCause",
            "connection_check.counted_as", "connection.CountedAs",
            "connection_check.source", "connection.CheckSource",
            "connection_incident.cause", "connection.CheckCause",
            "connection_maintenance.recurrence", "connection.MaintenanceWindow.Recurrence",
            "notification_channel.kind", "connection.NotificationChannel.Kind",
            "notification_delivery.status", "connection.NotificationDelivery.Status",
            "notification_delivery.event", "connection.NotificationEvent",
            "exchange_zombie_decision.decision", "exchange.Zombies.Decision",
            // annual report (issue 13)
            "annual_report.status", "report.AnnualReport.Status",
            // project filing and eligibility (issue 12)
            "filing.project_type", "filing.Filing.ProjectType",
            "filing.deployment", "inventory.InformationSystem.Deployment",
            "filing.network", "filing.Filing.Network",
            "filing.data_room_work", "filing.Filing.DataRoomWork",
            "filing.status", "filing.FilingStatus",
            "filing_transition.from_status", "filing.FilingStatus",
            "filing_transition.to_status", "filing.FilingStatus",
            "filing_attachment.kind", "filing.Filing.AttachmentKind",
            "eligibility_rule.applies_to", "eligibility.EligibilityRule.Scope",
            "eligibility_rule.verdict", "eligibility.Verdict",
            "eligibility_rule.funding", "eligibility.EligibilityRule.Funding",
            "eligibility_verdict.verdict", "eligibility.Verdict",
            "funding_decision.decision", "eligibility.FundingDecisions.Decision",
            "funding_decision.verdict", "eligibility.Verdict");

    /** Text-array columns whose elements are a domain enum. */
    static final Map<String, String> ENUM_ARRAY_COLUMNS = enumColumns(
            "catalogue_resource.base_databases", "catalogue.CatalogueResource.BaseDatabase",
            "notification_subscription.events", "connection.NotificationEvent");

    private JooqCodegen() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        String packageName = args[1];
        // a forced type that no longer matches (a column renamed in a migration, say) fails the build
        Configuration configuration = new Configuration().withOnUnused(OnError.FAIL).withGenerator(new Generator()
                .withDatabase(new Database()
                        .withName("org.jooq.meta.postgres.PostgresDatabase")
                        .withInputSchema("public")
                        .withExcludes(EXCLUDES)
                        .withForcedTypes(forcedTypes()))
                .withGenerate(new Generate()
                        .withJavaTimeTypes(true)
                        .withRecords(true)
                        .withPojos(false)
                        .withRoutines(false))
                .withTarget(new Target()
                        .withPackageName(packageName)
                        .withDirectory(target.toString())
                        .withClean(true)));
        // the whole configuration is part of the fingerprint: changing it regenerates too
        String fingerprint = migrationsFingerprint(configuration.toString());
        Path stamp = target.resolve(".migrations.sha256");
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
            System.out.println("[jooq-codegen] migrations and configuration unchanged, generated sources are current");
            return;
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Flyway.configure()
                    .dataSource(pg.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .placeholders(java.util.Map.of("timescaledb", "off"))
                    .load()
                    .migrate();
            GenerationTool.generate(configuration.withJdbc(new Jdbc()
                    .withDriver("org.postgresql.Driver")
                    .withUrl(pg.getJdbcUrl("postgres", "postgres"))
                    .withUser("postgres")));
        }
        Files.writeString(stamp, fingerprint);
    }

    static List<ForcedType> forcedTypes() {
        List<ForcedType> forced = new ArrayList<>();
        ENUM_COLUMNS.forEach((column, type) -> forced.add(new ForcedType()
                .withIncludeExpression(columnExpression(column))
                .withUserType(type)
                .withEnumConverter(true)));
        // jOOQ's enum converter is for single values; an array column gets it element by element
        ENUM_ARRAY_COLUMNS.forEach((column, type) -> forced.add(new ForcedType()
                .withIncludeExpression(columnExpression(column))
                .withUserType(type + "[]")
                .withConverter("org.jooq.Converters.forArrays(new org.jooq.impl.EnumConverter<>(String.class, " + type + ".class))")));
        return forced;
    }

    /** public.table.column, exactly. */
    private static String columnExpression(String column) {
        return "public\\." + column.replace(".", "\\.");
    }

    /** Pairs of table.column and an enum's name relative to the application package, in order. */
    private static Map<String, String> enumColumns(String... pairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put(pairs[i], APP + pairs[i + 1]);
        }
        return columns;
    }

    /** SHA-256 over every migration's name and content, in name order, and the code generator's configuration. */
    private static String migrationsFingerprint(String configuration) throws IOException, URISyntaxException, NoSuchAlgorithmException {
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
        digest.update(configuration.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }
}
