package cn.suqian.govshare.inventory;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.FundingType;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;

import cn.suqian.govshare.record.Cells;
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

    static final Column<InformationSystem> CODE = col("系统编码", "code", true, InformationSystem::code);
    static final Column<InformationSystem> ORGANISATION = col("所属单位编码", "organisationCode", true, InformationSystem::organisationCode);
    static final Column<InformationSystem> NAME = col("系统名称", "name", true, InformationSystem::name);
    static final Column<InformationSystem> PURPOSE = col("建设目的", "purpose", false, InformationSystem::purpose);
    static final Column<InformationSystem> FUNDING = col("资金类型", "fundingType", true, InformationSystem::fundingType);
    static final Column<InformationSystem> STATUS = col("生命周期状态", "lifecycleStatus", true, InformationSystem::lifecycleStatus);
    static final Column<InformationSystem> STATUS_SINCE = col("状态日期", "statusSince", false, InformationSystem::statusSince);
    static final Column<InformationSystem> DEPLOYMENT = col("部署方式", "deployment", true, InformationSystem::deployment);
    static final Column<InformationSystem> DATA_ROOM = col("所在机房编码", "dataRoomCode", false, InformationSystem::dataRoomCode);
    static final Column<InformationSystem> NETWORK = col("网络类型", "network", true, InformationSystem::network);
    static final Column<InformationSystem> PRIVATE_NETWORK = col("所在专网编码", "privateNetworkCode", false, InformationSystem::privateNetworkCode);
    static final Column<InformationSystem> MIGRATION = col("迁移计划日期", "migrationPlannedOn", false, InformationSystem::migrationPlannedOn);
    static final Column<InformationSystem> MUST_CONNECT = col("须接入共享平台", "mustConnect", true, InformationSystem::mustConnect);
    static final Column<InformationSystem> CONNECTED_ON = col("接入共享平台日期", "platformConnectedOn", false, InformationSystem::platformConnectedOn);
    static final Column<InformationSystem> PROTECTION = col("等保级别", "protectionLevel", false, InformationSystem::protectionLevel);
    static final Column<InformationSystem> ASSESSED_ON = col("等保测评日期", "protectionAssessedOn", false, InformationSystem::protectionAssessedOn);
    static final Column<InformationSystem> SECRETS = col("涉密", "containsSecrets", false, InformationSystem::containsSecrets);
    static final Column<InformationSystem> COST = col("年运维费用（元）", "annualOmCost", false, InformationSystem::annualOmCost);
    static final Column<InformationSystem> ALIASES = col("交换平台标识", "exchangeAliases", false, InformationSystem::exchangeAliases);

    public static final List<Column<InformationSystem>> COLUMNS = List.of(CODE, ORGANISATION, NAME, PURPOSE, FUNDING, STATUS,
            STATUS_SINCE, DEPLOYMENT, DATA_ROOM, NETWORK, PRIVATE_NETWORK, MIGRATION, MUST_CONNECT, CONNECTED_ON,
            PROTECTION, ASSESSED_ON, SECRETS, COST, ALIASES);

    InformationSystemSheet() {
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
