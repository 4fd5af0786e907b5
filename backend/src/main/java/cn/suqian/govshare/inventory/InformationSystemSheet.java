package cn.suqian.govshare.inventory;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.FundingType;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;

import cn.suqian.govshare.record.Cells;
import cn.suqian.govshare.record.Labelled;
import cn.suqian.govshare.record.SheetBackedRecords;

import cn.suqian.govshare.spreadsheet.CellParsers;
import cn.suqian.govshare.spreadsheet.Column;
import cn.suqian.govshare.spreadsheet.SheetRow;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The inventory spreadsheet: Chinese headings, parsing and writing of rows, and the import hooks. */
public final class InformationSystemSheet implements SheetBackedRecords.Sheet<InformationSystem> {

    static final Column<InformationSystem> CODE = col("系统编码", "code", true, InformationSystem::code)
            .kind(Column.Kind.CODE).describe("系统的唯一编码，建议“单位编码.系统简称”；已存在的编码表示更新该系统", "water.flood-warning");
    static final Column<InformationSystem> ORGANISATION = col("所属单位编码", "organisationCode", true, InformationSystem::organisationCode)
            .kind(Column.Kind.CODE).describe("系统所属单位的编码（组织机构页面所列）；部门只能填写本单位", "water");
    static final Column<InformationSystem> NAME = col("系统名称", "name", true, InformationSystem::name).describe("系统的正式名称", "水利防汛预警系统");
    static final Column<InformationSystem> PURPOSE = col("建设目的", "purpose", false, InformationSystem::purpose).describe("系统支撑的业务和用途", "汛情监测与预警发布");
    static final Column<InformationSystem> FUNDING = col("资金类型", "fundingType", true, InformationSystem::fundingType)
            .choices(labels(InformationSystem.FundingType.class)).describe("系统建设和运行的资金来源", "政府投资");
    static final Column<InformationSystem> STATUS = col("生命周期状态", "lifecycleStatus", true, InformationSystem::lifecycleStatus)
            .choices(labels(InformationSystem.LifecycleStatus.class)).describe("系统当前所处的状态；已停用的系统不再计入应接入数", "在用");
    static final Column<InformationSystem> STATUS_SINCE = col("状态日期", "statusSince", false, InformationSystem::statusSince)
            .kind(Column.Kind.DATE).describe("进入当前生命周期状态的日期", "2018-06-30");
    static final Column<InformationSystem> DEPLOYMENT = col("部署方式", "deployment", true, InformationSystem::deployment)
            .choices(labels(InformationSystem.Deployment.class)).describe("系统部署在政务云、自建机房或其他位置", "政务云");
    static final Column<InformationSystem> DATA_ROOM = col("所在机房编码", "dataRoomCode", false, InformationSystem::dataRoomCode)
            .kind(Column.Kind.CODE).describe("部署方式为自建机房时必填：机房的编码", "");
    static final Column<InformationSystem> NETWORK = col("网络类型", "network", true, InformationSystem::network)
            .choices(labels(InformationSystem.NetworkType.class)).describe("系统运行所在的网络", "电子政务外网");
    static final Column<InformationSystem> PRIVATE_NETWORK = col("所在专网编码", "privateNetworkCode", false, InformationSystem::privateNetworkCode)
            .kind(Column.Kind.CODE).describe("网络类型为业务专网时必填：专网的编码", "");
    static final Column<InformationSystem> MIGRATION = col("迁移计划日期", "migrationPlannedOn", false, InformationSystem::migrationPlannedOn)
            .kind(Column.Kind.DATE).describe("在业务专网上的系统计划迁入电子政务外网的日期", "");
    static final Column<InformationSystem> MUST_CONNECT = col("须接入共享平台", "mustConnect", true, InformationSystem::mustConnect)
            .kind(Column.Kind.YES_NO).describe("系统是否须接入市数据共享交换平台；2019 年起须接未接的系统不安排经费", "是");
    static final Column<InformationSystem> CONNECTED_ON = col("接入共享平台日期", "platformConnectedOn", false, InformationSystem::platformConnectedOn)
            .kind(Column.Kind.DATE).describe("已接入共享平台的日期；未接入留空", "2018-11-30");
    static final Column<InformationSystem> PROTECTION = col("等保级别", "protectionLevel", false, InformationSystem::protectionLevel)
            .choices(List.of("1", "2", "3", "4", "5")).describe("信息安全等级保护定级（1–5 级）", "3");
    static final Column<InformationSystem> ASSESSED_ON = col("等保测评日期", "protectionAssessedOn", false, InformationSystem::protectionAssessedOn)
            .kind(Column.Kind.DATE).describe("最近一次等级测评的日期；填写时须同时填写等保级别", "2025-09-20");
    static final Column<InformationSystem> SECRETS = col("涉密", "containsSecrets", false, InformationSystem::containsSecrets)
            .kind(Column.Kind.YES_NO).describe("系统是否涉及国家秘密", "否");
    static final Column<InformationSystem> COST = col("年运维费用（元）", "annualOmCost", false, InformationSystem::annualOmCost)
            .kind(Column.Kind.DECIMAL).describe("每年的运维经费，单位元", "350000");
    static final Column<InformationSystem> ALIASES = col("交换平台标识", "exchangeAliases", false, InformationSystem::exchangeAliases)
            .kind(Column.Kind.LIST).describe("交换平台上代表本系统的标识（如 X-Road 子系统 实例/类别/成员/子系统），用于把交换数据归到本系统", "CN/GOV/SQ-WATER/flood");

    public static final List<Column<InformationSystem>> COLUMNS = List.of(CODE, ORGANISATION, NAME, PURPOSE, FUNDING, STATUS,
            STATUS_SINCE, DEPLOYMENT, DATA_ROOM, NETWORK, PRIVATE_NETWORK, MIGRATION, MUST_CONNECT, CONNECTED_ON,
            PROTECTION, ASSESSED_ON, SECRETS, COST, ALIASES);

    InformationSystemSheet() {
    }

    /** The Chinese labels of an enumeration, in order: the drop-down's choices. */
    private static <E extends Enum<E> & Labelled> List<String> labels(Class<E> type) {
        return List.copyOf(Cells.labels(type).values());
    }

    private static Column<InformationSystem> col(String heading, String field, boolean required,
                                                 java.util.function.Function<InformationSystem, Object> value) {
        return new Column<>(heading, field, required, s -> Cells.of(value.apply(s)));
    }

    @Override
    public String entityType() {
        return "information_system";
    }

    @Override
    public String entityName() {
        return "information system";
    }

    @Override
    public String sheetName() {
        return "信息系统清单";
    }

    @Override
    public List<Column<InformationSystem>> columns() {
        return COLUMNS;
    }

    @Override
    public InformationSystem parse(CellParsers c) {
        return new InformationSystem(c.text(CODE), c.text(ORGANISATION), c.text(NAME), c.text(PURPOSE),
                c.choice(FUNDING, FundingType.class, Cells.labels(FundingType.class)),
                c.choice(STATUS, LifecycleStatus.class, Cells.labels(LifecycleStatus.class)),
                c.date(STATUS_SINCE),
                c.choice(DEPLOYMENT, Deployment.class, Cells.labels(Deployment.class)),
                c.text(DATA_ROOM),
                c.choice(NETWORK, NetworkType.class, Cells.labels(NetworkType.class)),
                c.text(PRIVATE_NETWORK), c.date(MIGRATION), c.bool(MUST_CONNECT), c.date(CONNECTED_ON),
                c.integer(PROTECTION), c.date(ASSESSED_ON), c.bool(SECRETS), c.decimal(COST), c.list(ALIASES),
                null, null, null).normalised();
    }

    @Override
    public List<FieldProblem> checkAcrossRows(List<InformationSystem> systems, List<SheetRow> rows) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> claimedBy = new HashMap<>();
        for (int i = 0; i < systems.size(); i++) {
            for (String alias : systems.get(i).exchangeAliases()) {
                String other = claimedBy.putIfAbsent(alias, systems.get(i).code());
                if (other != null && !other.equals(systems.get(i).code())) {
                    problems.add(FieldProblem.of(ALIASES.field(), alias, ProblemCode.ALIAS_REPEATED, other)
                            .at(rows.get(i).number(), ALIASES.heading()));
                }
            }
        }
        return problems;
    }
}
