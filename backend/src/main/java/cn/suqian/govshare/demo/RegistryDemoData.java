package cn.suqian.govshare.demo;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.catalogue.CatalogueService;
import cn.suqian.govshare.connection.ConnectionTarget;
import cn.suqian.govshare.connection.ConnectionTargets;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.facility.DataRoom;
import cn.suqian.govshare.facility.DataRooms;
import cn.suqian.govshare.facility.MigrationStatus;
import cn.suqian.govshare.facility.PrivateNetwork;
import cn.suqian.govshare.facility.PrivateNetworks;
import cn.suqian.govshare.inventory.InformationSystemService;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.keytask.KeyTaskService;
import cn.suqian.govshare.record.Cells;
import cn.suqian.govshare.spreadsheet.CellParsers;
import cn.suqian.govshare.spreadsheet.Column;
import cn.suqian.govshare.spreadsheet.Sheet;
import cn.suqian.govshare.spreadsheet.SheetReader;
import cn.suqian.govshare.spreadsheet.SheetRow;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.InvalidInputException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Demo mode: a plausible demo city on top of the reference data — 340 systems with a realistic mix of
 * statuses, cloud and network states and must-connect flags, 12 private networks, 20 data rooms, 154
 * catalogue resources, 121 connection targets and 15 key-task progress reports. The city lives in
 * spreadsheets under {@code src/main/resources/demo/} with the Chinese headings a department uses, and
 * enters through the same paths real data does: the inventory and the catalogue as spreadsheet imports,
 * the rest through the registry services, all as the e-government office or the responsible department.
 * Loaded once (skipped when the inventory is not empty).
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "govshare.demo.enabled", havingValue = "true")
class RegistryDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RegistryDemoData.class);
    static final CurrentUser OFFICE = new CurrentUser("system:demo", "演示数据", Role.EGOV_ADMIN, "egov");

    static final String INVENTORY = "demo/inventory.csv";
    static final String CATALOGUE = "demo/catalogue.csv";
    static final String PRIVATE_NETWORKS = "demo/private-networks.csv";
    static final String DATA_ROOMS = "demo/data-rooms.csv";
    static final String CONNECTION_TARGETS = "demo/connection-targets.csv";
    static final String TASK_PROGRESS = "demo/key-task-progress.csv";

    private final Db db;
    private final Inventory inventory;
    private final InformationSystemService systems;
    private final CatalogueService catalogue;
    private final KeyTaskService tasks;
    private final PrivateNetworks networks;
    private final DataRooms rooms;
    private final ConnectionTargets targets;

    RegistryDemoData(Db db, Inventory inventory, InformationSystemService systems, CatalogueService catalogue, KeyTaskService tasks,
                     PrivateNetworks networks, DataRooms rooms, ConnectionTargets targets) {
        this.db = db;
        this.inventory = inventory;
        this.systems = systems;
        this.catalogue = catalogue;
        this.tasks = tasks;
        this.networks = networks;
        this.rooms = rooms;
        this.targets = targets;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor actor = new Actor(OFFICE.username(), OFFICE.organisationCode());
        if (db.inTransaction(actor, dsl -> !inventory.active(dsl).isEmpty())) {
            return;
        }
        long started = System.nanoTime();
        var result = db.inTransaction(actor, this::load);
        log.info("DEMO MODE: demo city loaded in {} ms: {}", (System.nanoTime() - started) / 1_000_000, result);
    }

    Map<String, Integer> load(DSLContext dsl) {
        // Private networks and data rooms come first: systems refer to them; targets refer to systems.
        List<PrivateNetwork> networkRows = read(PRIVATE_NETWORKS, NETWORK_COLUMNS, RegistryDemoData::privateNetwork);
        networkRows.forEach(n -> networks.create(dsl, OFFICE, n));
        List<DataRoom> roomRows = read(DATA_ROOMS, ROOM_COLUMNS, RegistryDemoData::dataRoom);
        roomRows.forEach(r -> rooms.create(dsl, OFFICE, r));
        var systemsResult = systems.importSheet(dsl, OFFICE, fixture(INVENTORY), INVENTORY, false);
        var catalogueResult = catalogue.importSheet(dsl, OFFICE, fixture(CATALOGUE), CATALOGUE, false);
        List<ConnectionTarget> targetRows = read(CONNECTION_TARGETS, TARGET_COLUMNS, RegistryDemoData::connectionTarget);
        targetRows.forEach(t -> targets.create(dsl, OFFICE, t));
        // Key-task progress as the responsible units reported it.
        List<Progress> progress = read(TASK_PROGRESS, PROGRESS_COLUMNS, RegistryDemoData::progress);
        progress.forEach(p -> tasks.report(dsl, new CurrentUser("dept-" + p.organisation(), p.organisation(), Role.DEPARTMENT,
                p.organisation()), p.task(), p.report()));

        Map<String, Integer> summary = new LinkedHashMap<>();
        summary.put("systems", systemsResult.created());
        summary.put("catalogueResources", catalogueResult.created());
        summary.put("privateNetworks", networkRows.size());
        summary.put("dataRooms", roomRows.size());
        summary.put("connectionTargets", targetRows.size());
        summary.put("taskReports", progress.size());
        return summary;
    }

    // Columns of the fixtures that have no department import of their own; the inventory and the
    // catalogue use their modules' sheets.

    static final Column<Void> CODE = col("专网编码", "code", true);
    static final Column<Void> ORGANISATION = col("所属单位编码", "organisationCode", true);
    static final Column<Void> NETWORK_NAME = col("专网名称", "name", true);
    static final Column<Void> PURPOSE = col("用途", "purpose", false);
    static final Column<Void> CLASSIFIED = col("涉密", "classified", false);
    static final Column<Void> UTILISATION = col("利用率（%）", "utilisationPercent", false);
    static final Column<Void> MEASURED_ON = col("利用率测算日期", "utilisationMeasuredOn", false);
    static final Column<Void> MIGRATION_STATUS = col("迁移状态", "migrationStatus", true);
    static final Column<Void> PLANNED_ON = col("迁移计划日期", "migrationPlannedOn", false);
    static final Column<Void> MIGRATED_ON = col("迁移完成日期", "migratedOn", false);
    static final Column<Void> BUILT_ON = col("建成日期", "builtOn", false);
    static final Column<Void> COST = col("年运维费用（元）", "annualOmCost", false);
    static final List<Column<Void>> NETWORK_COLUMNS = List.of(CODE, ORGANISATION, NETWORK_NAME, PURPOSE, CLASSIFIED, UTILISATION,
            MEASURED_ON, MIGRATION_STATUS, PLANNED_ON, MIGRATED_ON, BUILT_ON, COST);

    static final Column<Void> ROOM_CODE = col("机房编码", "code", true);
    static final Column<Void> ROOM_NAME = col("机房名称", "name", true);
    static final Column<Void> LOCATION = col("位置", "location", false);
    static final Column<Void> AREA = col("面积（平方米）", "areaSquareMetres", false);
    static final List<Column<Void>> ROOM_COLUMNS = List.of(ROOM_CODE, ORGANISATION, ROOM_NAME, LOCATION, PURPOSE, AREA, UTILISATION,
            MIGRATION_STATUS, PLANNED_ON, MIGRATED_ON, BUILT_ON, COST);

    static final Column<Void> TARGET_CODE = col("目标编码", "code", true);
    static final Column<Void> SYSTEM = col("所属系统编码", "systemCode", true);
    static final Column<Void> KIND = col("类型", "kind", true);
    static final Column<Void> TARGET_NAME = col("名称", "name", true);
    static final Column<Void> PROBE = col("探测方式", "probe", true);
    static final Column<Void> ADDRESS = col("地址", "address", false);
    static final Column<Void> INTERVAL = col("探测间隔（秒）", "intervalSeconds", false);
    static final Column<Void> DOWN_AFTER = col("判定中断的连续失败次数", "downAfter", false);
    static final Column<Void> UP_AFTER = col("判定恢复的连续成功次数", "upAfter", false);
    static final Column<Void> ENABLED = col("启用", "enabled", false);
    static final List<Column<Void>> TARGET_COLUMNS = List.of(TARGET_CODE, SYSTEM, KIND, TARGET_NAME, PROBE, ADDRESS, INTERVAL,
            DOWN_AFTER, UP_AFTER, ENABLED);

    static final Column<Void> TASK = col("任务编号", "task", true);
    static final Column<Void> REPORTER = col("填报单位编码", "organisationCode", true);
    static final Column<Void> MILESTONE = col("里程碑编号", "milestoneCode", false);
    static final Column<Void> NOTE = col("进展说明", "note", true);
    static final Column<Void> EVIDENCE = col("佐证材料", "evidence", false);
    static final Column<Void> MET_ON = col("完成日期", "metOn", false);
    static final List<Column<Void>> PROGRESS_COLUMNS = List.of(TASK, REPORTER, MILESTONE, NOTE, EVIDENCE, MET_ON);

    /** One key-task progress report and who made it. */
    record Progress(String task, String organisation, KeyTaskService.ProgressReport report) {
    }

    private static Column<Void> col(String heading, String field, boolean required) {
        return new Column<>(heading, field, required, null);
    }

    static PrivateNetwork privateNetwork(CellParsers c) {
        return new PrivateNetwork(c.text(CODE), c.text(ORGANISATION), c.text(NETWORK_NAME), c.text(PURPOSE), c.bool(CLASSIFIED),
                c.decimal(UTILISATION), c.date(MEASURED_ON),
                c.choice(MIGRATION_STATUS, MigrationStatus.class, Cells.labels(MigrationStatus.class)),
                c.date(PLANNED_ON), c.date(MIGRATED_ON), c.date(BUILT_ON), c.decimal(COST), null, null, null);
    }

    static DataRoom dataRoom(CellParsers c) {
        return new DataRoom(c.text(ROOM_CODE), c.text(ORGANISATION), c.text(ROOM_NAME), c.text(LOCATION), c.text(PURPOSE),
                c.decimal(AREA), c.decimal(UTILISATION),
                c.choice(MIGRATION_STATUS, MigrationStatus.class, Cells.labels(MigrationStatus.class)),
                c.date(PLANNED_ON), c.date(MIGRATED_ON), c.date(BUILT_ON), c.decimal(COST), null, null, null);
    }

    static ConnectionTarget connectionTarget(CellParsers c) {
        return new ConnectionTarget(c.text(TARGET_CODE), c.text(SYSTEM), null,
                c.choice(KIND, ConnectionTarget.Kind.class, Cells.labels(ConnectionTarget.Kind.class)), c.text(TARGET_NAME),
                c.choice(PROBE, ConnectionTarget.Probe.class, Cells.labels(ConnectionTarget.Probe.class)), c.text(ADDRESS),
                c.integer(INTERVAL), c.integer(DOWN_AFTER), c.integer(UP_AFTER), c.bool(ENABLED), null, null, null);
    }

    static Progress progress(CellParsers c) {
        return new Progress(c.text(TASK), c.text(REPORTER),
                new KeyTaskService.ProgressReport(c.text(NOTE), c.text(EVIDENCE), c.text(MILESTONE), c.date(MET_ON)));
    }

    /**
     * The rows of a fixture file, parsed with its columns; a file with unexpected headings or unreadable
     * cells stops the start-up with every problem listed, as a department's import would be refused.
     */
    static <T> List<T> read(String path, List<Column<Void>> columns, Function<CellParsers, T> parser) {
        return parse(fixture(path), path, columns, parser);
    }

    static <T> List<T> parse(byte[] content, String name, List<Column<Void>> columns, Function<CellParsers, T> parser) {
        Sheet sheet = SheetReader.read(content);
        List<FieldProblem> problems = new ArrayList<>();
        List<String> expected = columns.stream().map(Column::heading).toList();
        if (!sheet.headings().equals(expected)) {
            problems.add(FieldProblem.of("file", name, ProblemCode.HEADINGS, String.join(",", expected)).at(1, null));
        }
        List<T> records = new ArrayList<>();
        for (SheetRow row : sheet.rows()) {
            records.add(parser.apply(new CellParsers(row, problems)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return records;
    }

    static byte[] fixture(String path) {
        try (InputStream in = RegistryDemoData.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("demo fixture " + path + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
