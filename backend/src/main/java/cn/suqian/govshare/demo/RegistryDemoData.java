package cn.suqian.govshare.demo;

import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.organisation.OrganisationType;
import cn.suqian.govshare.organisation.Organisations;

import cn.suqian.govshare.catalogue.CatalogueResource;
import cn.suqian.govshare.catalogue.CatalogueService;
import cn.suqian.govshare.connection.ConnectionTarget;
import cn.suqian.govshare.connection.ConnectionTargets;
import cn.suqian.govshare.facility.DataRoom;
import cn.suqian.govshare.facility.DataRooms;
import cn.suqian.govshare.facility.MigrationStatus;
import cn.suqian.govshare.facility.PrivateNetwork;
import cn.suqian.govshare.facility.PrivateNetworks;
import cn.suqian.govshare.inventory.InformationSystem;
import cn.suqian.govshare.inventory.InformationSystemService;
import cn.suqian.govshare.keytask.KeyTaskService;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.spreadsheet.SheetFormat;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;


/**
 * Demo mode: a plausible demo city on top of the reference data — a few hundred systems with a realistic
 * mix of statuses, cloud and network states and must-connect flags, private networks, data rooms,
 * catalogue resources, connection targets and key-task progress. It enters through the same paths real
 * data does: the inventory and the catalogue as spreadsheet imports, the rest through the registry
 * services, all as the e-government office or the responsible department. Seeded, so every demo city is
 * the same; loaded once (skipped when the inventory is not empty).
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "govshare.demo.enabled", havingValue = "true")
class RegistryDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RegistryDemoData.class);
    static final CurrentUser OFFICE = new CurrentUser("system:demo", "演示数据", Role.EGOV_ADMIN, "egov");

    private final Db db;
    private final Organisations organisations;
    private final Inventory inventory;
    private final InformationSystemService systems;
    private final CatalogueService catalogue;
    private final KeyTaskService tasks;
    private final PrivateNetworks networks;
    private final DataRooms rooms;
    private final ConnectionTargets targets;

    RegistryDemoData(Db db, Organisations organisations, Inventory inventory, InformationSystemService systems, CatalogueService catalogue, KeyTaskService tasks,
                     PrivateNetworks networks, DataRooms rooms, ConnectionTargets targets) {
        this.db = db;
        this.organisations = organisations;
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

    record Org(String code, String name, OrganisationType type) {
    }

    Map<String, Integer> load(DSLContext dsl) {
        Random random = new Random(20171227L); // the plan's date: the same demo city every time
        List<Org> orgs = organisations.active(dsl).stream().filter(o -> o.type() != OrganisationType.CITY)
                .map(o -> new Org(o.code(), o.name(), o.type())).toList();

        // Private networks and data rooms come first: systems refer to them.
        Map<String, String> networkOf = new LinkedHashMap<>();
        for (String[] n : PRIVATE_NETWORKS) {
            boolean classified = n[0].equals("public-security");
            MigrationStatus status = classified ? MigrationStatus.EXEMPT
                    : MigrationStatus.values()[random.nextInt(4)];
            LocalDate planned = status == MigrationStatus.PLANNED || status == MigrationStatus.IN_PROGRESS
                    ? LocalDate.of(2026, 3 + random.nextInt(9), 1) : null;
            LocalDate migrated = status == MigrationStatus.MIGRATED ? LocalDate.of(2019 + random.nextInt(6), 1 + random.nextInt(12), 1) : null;
            networks.create(dsl, OFFICE, new PrivateNetwork(n[1], n[0], n[2], n[3], classified,
                    BigDecimal.valueOf(5 + random.nextInt(90)), LocalDate.of(2026, 6, 30), status, planned, migrated,
                    LocalDate.of(2008 + random.nextInt(8), 1 + random.nextInt(12), 1),
                    BigDecimal.valueOf(200_000 + random.nextInt(1_500_000)), null, null, null));
            networkOf.put(n[0], n[1]);
        }
        Map<String, String> roomOf = new LinkedHashMap<>();
        for (Org o : orgs) {
            if (o.type() == OrganisationType.COUNTY_DISTRICT || random.nextInt(100) < 35) {
                MigrationStatus status = MigrationStatus.values()[random.nextInt(4)];
                String code = o.code() + ".room";
                rooms.create(dsl, OFFICE, new DataRoom(code, o.code(), o.name() + "数据机房", o.name() + "办公楼", "业务系统服务器托管",
                        BigDecimal.valueOf(30 + random.nextInt(200)), BigDecimal.valueOf(10 + random.nextInt(85)), status,
                        status == MigrationStatus.PLANNED || status == MigrationStatus.IN_PROGRESS ? LocalDate.of(2026, 1 + random.nextInt(12), 1) : null,
                        status == MigrationStatus.MIGRATED ? LocalDate.of(2020 + random.nextInt(5), 1 + random.nextInt(12), 1) : null,
                        LocalDate.of(2005 + random.nextInt(10), 1 + random.nextInt(12), 1),
                        BigDecimal.valueOf(100_000 + random.nextInt(900_000)), null, null, null));
                if (status != MigrationStatus.MIGRATED) {
                    roomOf.put(o.code(), code);
                }
            }
        }

        // The inventory, as one spreadsheet per organisation type, imported like a department's file.
        List<InformationSystem> inventory = new ArrayList<>();
        inventory.add(new InformationSystem("egov.exchange-platform", "egov", "市级数据共享交换平台",
                "提供目录查询、数据比对、共享交换服务", InformationSystem.FundingType.GOVERNMENT_INVESTMENT,
                InformationSystem.LifecycleStatus.IN_USE, LocalDate.of(2018, 5, 31), InformationSystem.Deployment.GOV_CLOUD, null,
                InformationSystem.NetworkType.EGOV_EXTRANET, null, null, false, null, 3, LocalDate.of(2025, 9, 20), false,
                new BigDecimal("1850000.00"), List.of("CN/GOV/SQ-EGOV/exchange"), null, null, null));
        for (Org o : orgs) {
            List<String> names = new ArrayList<>(namesFor(o));
            int count = Math.min(names.size(), 5 + random.nextInt(o.type() == OrganisationType.CITY_DEPARTMENT ? 7 : 5));
            java.util.Collections.shuffle(names, random);
            for (int i = 0; i < count; i++) {
                inventory.add(system(random, o, i + 1, names.get(i), networkOf.get(o.code()), roomOf.get(o.code())));
            }
        }
        var systemsResult = systems.importSheet(dsl, OFFICE, systems.write(SheetFormat.CSV, inventory), "demo-inventory.csv", false);

        // Catalogue resources from the systems that hold data.
        List<CatalogueResource> resources = new ArrayList<>();
        int orgIndex = 10;
        for (Org o : orgs) {
            orgIndex++;
            List<InformationSystem> own = inventory.stream()
                    .filter(s -> s.organisationCode().equals(o.code()) && s.network() != InformationSystem.NetworkType.CLASSIFIED)
                    .toList();
            List<String> names = resourceNamesFor(o);
            int count = Math.min(names.size(), 2 + random.nextInt(5));
            for (int i = 0; i < count; i++) {
                resources.add(resource(random, o, orgIndex, i + 1, names.get(i), own.isEmpty() ? null : own.get(random.nextInt(own.size()))));
            }
        }
        var catalogueResult = catalogue.importSheet(dsl, OFFICE, catalogue.write(SheetFormat.CSV, resources), "demo-catalogue.csv", false);

        // Connection targets: each organisation's front-end processor, some interfaces, the provincial link.
        int targetCount = 0;
        targets.create(dsl, OFFICE, new ConnectionTarget("egov.provincial-link", "egov.exchange-platform", null,
                ConnectionTarget.Kind.PROVINCIAL_LINK, "市级平台—省级数据共享交换平台链路", ConnectionTarget.Probe.HTTP,
                "https://sjgx.jiangsu.gov.cn/health", 60, 3, 2, true, null, null, null));
        targetCount++;
        for (Org o : orgs) {
            var connected = inventory.stream().filter(s -> s.organisationCode().equals(o.code()) && s.platformConnectedOn() != null).toList();
            if (connected.isEmpty()) {
                continue;
            }
            targets.create(dsl, OFFICE, new ConnectionTarget(o.code() + ".fep", connected.getFirst().code(), null,
                    ConnectionTarget.Kind.FRONT_END_PROCESSOR, o.name() + "前置机", ConnectionTarget.Probe.TCP,
                    "10.32." + (targetCount % 250) + "." + (10 + random.nextInt(200)) + ":8443", 60, 3, 2, true, null, null, null));
            targetCount++;
            for (InformationSystem s : connected.subList(0, Math.min(2, connected.size()))) {
                targets.create(dsl, OFFICE, new ConnectionTarget(s.code() + ".api", s.code(), null, ConnectionTarget.Kind.INTERFACE,
                        s.name() + "共享接口", random.nextInt(4) == 0 ? ConnectionTarget.Probe.HEARTBEAT : ConnectionTarget.Probe.HTTP,
                        "http://10.32." + (targetCount % 250) + "." + (10 + random.nextInt(200)) + ":8080/share/health",
                        120, 3, 2, true, null, null, null));
                targetCount++;
            }
        }

        // Key-task progress as the responsible units reported it.
        int reports = 0;
        for (String[] p : PROGRESS) {
            CurrentUser reporter = new CurrentUser("dept-" + p[1], p[1], Role.DEPARTMENT, p[1]);
            tasks.report(dsl, reporter, p[0], new KeyTaskService.ProgressReport(p[3], p[4], p[2].isEmpty() ? null : p[2],
                    p[5].isEmpty() ? null : LocalDate.parse(p[5])));
            reports++;
        }

        Map<String, Integer> summary = new LinkedHashMap<>();
        summary.put("systems", systemsResult.created());
        summary.put("catalogueResources", catalogueResult.created());
        summary.put("privateNetworks", PRIVATE_NETWORKS.length);
        summary.put("dataRooms", roomOf.size());
        summary.put("connectionTargets", targetCount);
        summary.put("taskReports", reports);
        return summary;
    }

    private static InformationSystem system(Random r, Org o, int n, String name, String network, String room) {
        int roll = r.nextInt(100);
        var status = roll < 68 ? InformationSystem.LifecycleStatus.IN_USE : roll < 80 ? InformationSystem.LifecycleStatus.TO_INTEGRATE
                : roll < 88 ? InformationSystem.LifecycleStatus.TO_CLEAN_UP : roll < 94 ? InformationSystem.LifecycleStatus.ZOMBIE
                : InformationSystem.LifecycleStatus.RETIRED;
        int net = r.nextInt(100);
        var networkType = net < 66 ? InformationSystem.NetworkType.EGOV_EXTRANET
                : net < 80 && network != null ? InformationSystem.NetworkType.PRIVATE_NETWORK
                : net < 95 ? InformationSystem.NetworkType.INTERNET : InformationSystem.NetworkType.CLASSIFIED;
        int dep = r.nextInt(100);
        var deployment = dep < 58 ? InformationSystem.Deployment.GOV_CLOUD
                : dep < 88 && room != null ? InformationSystem.Deployment.OWN_DATA_ROOM : InformationSystem.Deployment.OTHER;
        boolean secret = networkType == InformationSystem.NetworkType.CLASSIFIED;
        boolean mustConnect = !secret && status != InformationSystem.LifecycleStatus.RETIRED && r.nextInt(100) < 65;
        LocalDate connectedOn = mustConnect && r.nextInt(100) < 78
                ? LocalDate.of(2018 + r.nextInt(7), 1 + r.nextInt(12), 1 + r.nextInt(28)) : null;
        Integer level = r.nextInt(100) < 85 ? (secret ? 3 : 2 + r.nextInt(2)) : null;
        String code = o.code() + ".s" + String.format("%02d", n);
        var funding = InformationSystem.FundingType.values()[r.nextInt(100) < 60 ? 0 : 1 + r.nextInt(3)];
        return new InformationSystem(code, o.code(), name, name.replace("系统", "") + "业务支撑", funding, status,
                LocalDate.of(2012 + r.nextInt(13), 1 + r.nextInt(12), 1),
                deployment, deployment == InformationSystem.Deployment.OWN_DATA_ROOM ? room : null, networkType,
                networkType == InformationSystem.NetworkType.PRIVATE_NETWORK ? network : null,
                networkType == InformationSystem.NetworkType.PRIVATE_NETWORK ? LocalDate.of(2026, 1 + r.nextInt(12), 1) : null,
                mustConnect, connectedOn, level, level == null ? null : LocalDate.of(2022 + r.nextInt(4), 1 + r.nextInt(12), 1),
                secret, BigDecimal.valueOf(30_000 + r.nextInt(1_200_000)),
                connectedOn == null ? List.of() : List.of("CN/GOV/SQ-" + o.code().toUpperCase() + "/" + code.substring(code.lastIndexOf('.') + 1)),
                null, null, null);
    }

    private static CatalogueResource resource(Random r, Org o, int orgIndex, int n, String name, InformationSystem source) {
        boolean base = BASE_DATABASE_OF.containsKey(o.code()) && n <= 2;
        int category = base ? 1 : 3;
        String code = category + String.format("%02d", orgIndex % 100) + String.format("%03d", n) + "/" + String.format("%06d", orgIndex * 100 + n);
        int share = r.nextInt(100);
        var sharing = share < 50 ? CatalogueResource.SharingType.UNCONDITIONAL : share < 90 ? CatalogueResource.SharingType.CONDITIONAL
                : CatalogueResource.SharingType.NOT_SHARED;
        boolean mounted = sharing != CatalogueResource.SharingType.NOT_SHARED && source != null
                && source.platformConnectedOn() != null && r.nextInt(100) < 80;
        var items = List.of(new CatalogueResource.InformationItem("统一编码", CatalogueResource.DataType.STRING),
                new CatalogueResource.InformationItem("名称", CatalogueResource.DataType.STRING),
                new CatalogueResource.InformationItem("办理日期", CatalogueResource.DataType.DATE),
                new CatalogueResource.InformationItem("数量", CatalogueResource.DataType.NUMBER));
        return new CatalogueResource(code, category, base ? "基础信息资源" : "部门信息资源",
                base ? BASE_DATABASE_OF.get(o.code()).label() : o.name(), name, null, name, o.code(),
                o.name() + "在履职过程中产生的" + name, source == null ? CatalogueResource.Format.SPREADSHEET : CatalogueResource.Format.DATABASE,
                items, sharing,
                sharing == CatalogueResource.SharingType.CONDITIONAL ? "仅限政务部门依法履职使用，需经提供方审核同意" : null,
                sharing == CatalogueResource.SharingType.NOT_SHARED ? "《中华人民共和国个人信息保护法》第十三条" : null,
                sharing == CatalogueResource.SharingType.NOT_SHARED ? null
                        : CatalogueResource.SharingMethod.values()[r.nextInt(CatalogueResource.SharingMethod.values().length)],
                sharing == CatalogueResource.SharingType.UNCONDITIONAL && r.nextBoolean() ? CatalogueResource.OpenAttribute.OPEN
                        : CatalogueResource.OpenAttribute.NOT_OPEN,
                CatalogueResource.UpdateCycle.values()[r.nextInt(7)], LocalDate.of(2018, 4, 30), List.of(),
                base ? List.of(BASE_DATABASE_OF.get(o.code())) : List.of(), mounted,
                mounted ? source.platformConnectedOn().plusDays(r.nextInt(60)) : null,
                source == null ? null : source.code(), null, null, null);
    }

    private static List<String> namesFor(Org o) {
        List<String> names = new ArrayList<>(SPECIFIC.getOrDefault(o.code(), List.of()));
        if (o.type() == OrganisationType.COUNTY_DISTRICT) {
            for (String n : COUNTY) {
                names.add(o.name() + n);
            }
        } else if (o.type() == OrganisationType.DEVELOPMENT_ZONE) {
            for (String n : ZONE) {
                names.add(o.name() + n);
            }
        }
        for (String n : GENERIC) {
            names.add(o.name().replaceFirst("^市", "") + n);
        }
        return names;
    }

    private static List<String> resourceNamesFor(Org o) {
        List<String> names = new ArrayList<>(RESOURCES.getOrDefault(o.code(), List.of()));
        String shortName = o.name().replaceFirst("^市", "");
        for (String n : GENERIC_RESOURCES) {
            names.add(shortName + n);
        }
        return names;
    }

    static final Map<String, CatalogueResource.BaseDatabase> BASE_DATABASE_OF = Map.of(
            "public-security", CatalogueResource.BaseDatabase.POPULATION,
            "industry-commerce", CatalogueResource.BaseDatabase.LEGAL_ENTITY,
            "land", CatalogueResource.BaseDatabase.NATURAL_RESOURCES,
            "gov-services", CatalogueResource.BaseDatabase.ELECTRONIC_LICENCE,
            "credit", CatalogueResource.BaseDatabase.SOCIAL_CREDIT);

    static final String[][] PRIVATE_NETWORKS = {
            {"public-security", "public-security.net", "公安信息网", "公安业务专用网络（涉密）"},
            {"hrss", "hrss.net", "人社业务专网", "社保、就业业务系统联网"},
            {"finance", "finance.net", "财政业务专网", "国库集中支付、预算管理"},
            {"land", "land.net", "国土资源业务专网", "不动产登记、土地审批"},
            {"health", "health.net", "卫生计生专网", "医疗机构、疾控数据上报"},
            {"state-tax", "state-tax.net", "国税业务专网", "税收征管"},
            {"local-tax", "local-tax.net", "地税业务专网", "税收征管"},
            {"education", "education.net", "教育城域网", "学校接入、学籍管理"},
            {"quality", "quality.net", "质监业务专网", "特种设备监管"},
            {"statistics", "statistics.net", "统计业务专网", "统计联网直报"},
            {"civil-affairs", "civil-affairs.net", "民政业务专网", "低保、救助业务"},
            {"housing-fund", "housing-fund.net", "公积金业务专网", "公积金缴存提取"},
    };

    static final Map<String, List<String>> SPECIFIC = Map.ofEntries(
            Map.entry("public-security", List.of("人口信息管理系统", "出入境管理系统", "交通违法处理系统", "治安管理信息系统", "视频监控联网平台")),
            Map.entry("hrss", List.of("社会保险信息系统", "就业服务管理系统", "人事人才公共服务平台")),
            Map.entry("finance", List.of("预算管理一体化系统", "国库集中支付系统", "政府采购管理系统")),
            Map.entry("land", List.of("不动产登记信息系统", "土地审批管理系统", "基础地理信息平台")),
            Map.entry("health", List.of("全民健康信息平台", "居民电子健康档案系统", "疾病预防控制信息系统")),
            Map.entry("education", List.of("学籍管理系统", "教育资源公共服务平台")),
            Map.entry("civil-affairs", List.of("社会救助管理系统", "婚姻登记管理系统", "社会组织管理系统")),
            Map.entry("industry-commerce", List.of("市场主体登记系统", "企业信用信息公示系统")),
            Map.entry("gov-services", List.of("政务服务网", "电子证照库", "一窗受理平台")),
            Map.entry("credit", List.of("公共信用信息平台", "信用宿迁网站")),
            Map.entry("transport", List.of("交通运输综合执法系统", "公交智能调度系统")),
            Map.entry("urban-mgmt", List.of("数字城管系统", "户外广告管理系统")),
            Map.entry("water", List.of("防汛防旱指挥系统", "水资源管理系统")),
            Map.entry("statistics", List.of("统计联网直报系统")),
            Map.entry("housing-fund", List.of("住房公积金综合业务系统")),
            Map.entry("state-tax", List.of("金税三期征管系统")),
            Map.entry("local-tax", List.of("地税征管信息系统")),
            Map.entry("planning", List.of("规划审批管理系统")),
            Map.entry("housing", List.of("房产交易管理系统", "建筑市场监管系统")),
            Map.entry("egov", List.of("政务云管理平台", "电子政务外网管理系统")),
            Map.entry("agriculture", List.of("农产品质量安全追溯系统")),
            Map.entry("food-drug", List.of("食品药品监管信息系统")));

    static final String[] GENERIC = {"办公自动化系统", "门户网站", "档案管理系统", "行政审批系统", "视频会议系统", "业务统计分析系统",
            "移动办公系统", "信息公开系统", "执法监督系统", "内部财务管理系统"};
    static final String[] COUNTY = {"政务服务平台", "网格化社会治理系统", "数字城管系统", "智慧社区平台"};
    static final String[] ZONE = {"招商项目管理系统", "企业服务平台"};

    static final Map<String, List<String>> RESOURCES = Map.of(
            "public-security", List.of("常住人口基本信息", "户籍迁移信息", "居民身份证办理信息"),
            "industry-commerce", List.of("企业登记基本信息", "个体工商户登记信息"),
            "land", List.of("不动产登记信息", "土地利用现状信息"),
            "gov-services", List.of("电子证照目录信息", "政务服务事项信息"),
            "credit", List.of("法人信用信息", "失信被执行人信息"),
            "hrss", List.of("社会保险参保信息", "就业登记信息"),
            "civil-affairs", List.of("婚姻登记信息", "低保对象信息"));

    static final String[] GENERIC_RESOURCES = {"行政许可信息", "行政处罚信息", "统计数据", "办事指南信息", "项目管理信息", "监督检查信息"};

    /** task, reporting organisation, milestone, note, evidence, met on. */
    static final String[][] PROGRESS = {
            {"T3", "ndrc", "T3-M1", "完成全市政务信息系统自查，清理僵尸系统 31 个", "宿发改〔2017〕512号 清理整合情况报告", "2017-12-28"},
            {"T4", "gov-office", "T4-M1", "各地、各部门目录编制完成并报送", "目录汇总表（2017年12月）", "2017-12-30"},
            {"T4", "gov-office", "T4-M2", "《宿迁市政务信息资源目录》印发", "宿政办发〔2018〕41号", "2018-05-18"},
            {"T4", "gov-office", "", "目录资源挂接共享平台进度 78%，部分部门接口改造滞后", "挂接进度通报（2018年9月）", ""},
            {"T5", "egov", "T5-M1", "市级平台与省级数据共享交换平台完成对接并联调", "省平台对接测试报告", "2018-06-26"},
            {"T5", "egov", "T5-M2", "政务信息系统统一接入市级共享交换平台", "接入清单及验收意见", "2019-03-15"},
            {"T6", "egov", "T6-M1", "市政务信息共享网站上线", "网站上线公告", "2018-06-29"},
            {"T6", "egov", "T6-M2", "基础数据和重点领域数据接入共享网站", "数据接入清单", "2018-12-20"},
            {"T8", "public-security", "", "人口基础数据库完成首轮归集，比对常住人口 498 万", "人口库建设阶段报告", ""},
            {"T8", "egov", "T8-M1", "五大基础数据库初步建成", "基础库建设验收纪要", "2018-07-20"},
            {"S1", "gov-office", "S1-M1", "《宿迁市政务信息资源共享管理暂行办法》出台", "宿政办发〔2018〕15号", "2018-02-27"},
            {"S2", "egov", "S2-M1", "建设运维备案制度印发实施", "宿政办发〔2018〕96号", "2018-11-30"},
            {"S3", "inspection", "S3-M1", "评价办法征求意见中", "征求意见稿", ""},
            {"S4", "audit", "S4-M1", "政务信息系统审计工作方案印发", "宿审发〔2018〕33号", "2018-08-28"},
            {"T10", "cyberspace", "", "全市等级保护定级备案完成 86%", "等保工作推进会纪要", ""},
    };
}
