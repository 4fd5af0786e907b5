package cn.suqian.govshare.demo;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.eligibility.Eligibility;
import cn.suqian.govshare.eligibility.EligibilityRules;
import cn.suqian.govshare.eligibility.FundingDecisions;
import cn.suqian.govshare.facility.PrivateNetwork;
import cn.suqian.govshare.facility.PrivateNetworks;
import cn.suqian.govshare.filing.Filing;
import cn.suqian.govshare.filing.Filing.DataRoomWork;
import cn.suqian.govshare.filing.Filing.Network;
import cn.suqian.govshare.filing.Filing.ProjectType;
import cn.suqian.govshare.filing.FilingService;
import cn.suqian.govshare.filing.Filings;
import cn.suqian.govshare.inventory.InformationSystem;
import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.organisation.Organisation;
import cn.suqian.govshare.organisation.OrganisationType;
import cn.suqian.govshare.organisation.Organisations;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo mode: the demo city files next year's budget (dozens of requests) through the same service a department's
 * form uses — as each department, with a feasibility study attached where one is needed — the office reviews, the
 * leading group's office grants a few exemptions and finance records decisions. The requests are chosen from the
 * demo registries so that each of the plan's rules has something to say: continued O&M of systems not connected,
 * zombies, systems on little-used private networks, new builds off the cloud, county data rooms and platforms, a new
 * private network, drafts never filed. Loaded once (skipped when the year already has filings).
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "govshare.demo.enabled", havingValue = "true")
class FilingDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FilingDemo.class);
    static final CurrentUser OFFICE = new CurrentUser("system:demo", "演示数据", Role.EGOV_ADMIN, "egov");
    static final CurrentUser FINANCE = new CurrentUser("finance", "财政局", Role.FINANCE, "finance");
    /** A minimal well-formed PDF: what a feasibility study upload starts with is what the server checks. */
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private final Db db;
    private final FilingService filing;
    private final Filings filings;
    private final Inventory inventory;
    private final Organisations organisations;
    private final PrivateNetworks networks;
    private final Eligibility eligibility;
    private final EligibilityRules rules;
    private final FundingDecisions decisions;

    FilingDemo(Db db, FilingService filing, Filings filings, Inventory inventory, Organisations organisations, PrivateNetworks networks,
               Eligibility eligibility, EligibilityRules rules, FundingDecisions decisions) {
        this.db = db;
        this.filing = filing;
        this.filings = filings;
        this.inventory = inventory;
        this.organisations = organisations;
        this.networks = networks;
        this.eligibility = eligibility;
        this.rules = rules;
        this.decisions = decisions;
    }

    @Override
    public void run(ApplicationArguments args) {
        int year = LocalDate.now(cn.suqian.govshare.web.CityCalendar.ZONE).getYear() + 1;
        Actor actor = new Actor(OFFICE.username(), OFFICE.organisationCode());
        if (db.inTransaction(actor, dsl -> !filings.ofYear(dsl, year).isEmpty())) {
            return;
        }
        long started = System.nanoTime();
        Map<String, Integer> result = db.inTransaction(actor, dsl -> eligibility.deferringRecompute(dsl, Eligibility.Cause.of("demoYearFiled", "year", year),
                d -> load(d, year)));
        db.inTransaction(actor, dsl -> after(dsl, year, result));
        log.info("DEMO MODE: budget year {} filed in {} ms: {}", year, (System.nanoTime() - started) / 1_000_000, result);
    }

    private record Made(long id, String organisation, String kind) {
    }

    private final List<Made> made = new ArrayList<>();

    Map<String, Integer> load(DSLContext dsl, int year) {
        LocalDate today = LocalDate.now(cn.suqian.govshare.web.CityCalendar.ZONE);
        filing.setWindow(dsl, OFFICE, year, new FilingService.WindowInput(today.minusDays(60), today.plusDays(20)));
        Map<String, Organisation> orgs = new LinkedHashMap<>();
        organisations.active(dsl).forEach(o -> orgs.put(o.code(), o));
        Map<String, List<InformationSystem>> byOrg = new LinkedHashMap<>();
        inventory.activeSystems(dsl).stream().sorted(Comparator.comparing(InformationSystem::code))
                .forEach(s -> byOrg.computeIfAbsent(s.organisationCode(), k -> new ArrayList<>()).add(s));
        Map<String, PrivateNetwork> nets = new HashMap<>();
        networks.active(dsl).forEach(n -> nets.put(n.code(), n));

        // 1. continued O&M of the systems of every department with systems (R1, R2, R9, R11 speak where their facts say so)
        int i = 0;
        for (var e : byOrg.entrySet()) {
            Organisation org = orgs.get(e.getKey());
            if (org == null || i++ >= 24) {
                continue;
            }
            List<InformationSystem> systems = e.getValue().stream().limit(2).toList();
            BigDecimal om = systems.stream().map(s -> s.annualOmCost() == null ? new BigDecimal("120000") : s.annualOmCost())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            file(dsl, org, year, ProjectType.OPERATION_MAINTENANCE, org.name() + "政务信息系统" + year + "年度运维", BigDecimal.ZERO, om,
                    systems.stream().map(InformationSystem::code).toList(), List.of(), Deployment.GOV_CLOUD, null, Network.EGOV_EXTRANET,
                    DataRoomWork.NONE, false, 3, "o&m", true);
        }
        // 2. O&M of a system on a little-used private network (R4) and of a declared zombie (R9)
        byOrg.values().stream().flatMap(List::stream)
                .filter(s -> s.network() == InformationSystem.NetworkType.PRIVATE_NETWORK && s.privateNetworkCode() != null
                        && nets.containsKey(s.privateNetworkCode()) && nets.get(s.privateNetworkCode()).utilisationPercent() != null
                        && nets.get(s.privateNetworkCode()).utilisationPercent().compareTo(new BigDecimal("30")) < 0)
                .findFirst().ifPresent(s -> file(dsl, orgs.get(s.organisationCode()), year, ProjectType.OPERATION_MAINTENANCE,
                        s.name() + "专网运维", BigDecimal.ZERO, new BigDecimal("260000"), List.of(s.code()), List.of(), Deployment.OWN_DATA_ROOM,
                        null, Network.EXISTING_PRIVATE_NETWORK, DataRoomWork.NONE, false, 2, "r4", true));
        byOrg.values().stream().flatMap(List::stream)
                .filter(s -> s.lifecycleStatus() == InformationSystem.LifecycleStatus.ZOMBIE
                        || s.lifecycleStatus() == InformationSystem.LifecycleStatus.TO_CLEAN_UP)
                .limit(2).forEach(s -> file(dsl, orgs.get(s.organisationCode()), year, ProjectType.PURCHASED_SERVICE, s.name() + "运维服务采购",
                        BigDecimal.ZERO, new BigDecimal("90000"), List.of(s.code()), List.of(), Deployment.GOV_CLOUD, null, Network.EGOV_EXTRANET,
                        DataRoomWork.NONE, false, 2, "r9", true));
        // 3. new builds: off the cloud without a reason (R7), with one (passes), a new private network (R3)
        List<String> cityDepartments = orgs.values().stream().filter(o -> o.type() == OrganisationType.CITY_DEPARTMENT)
                .map(Organisation::code).filter(byOrg::containsKey).toList();
        Organisation a = orgs.get(cityDepartments.get(0));
        Organisation b = orgs.get(cityDepartments.get(1 % cityDepartments.size()));
        Organisation c = orgs.get(cityDepartments.get(2 % cityDepartments.size()));
        file(dsl, a, year, ProjectType.NEW_BUILD, a.name() + "业务协同平台新建", new BigDecimal("1800000"), new BigDecimal("150000"), List.of(),
                List.of(a.name() + "业务协同平台"), Deployment.OWN_DATA_ROOM, null, Network.EGOV_EXTRANET, DataRoomWork.NONE, false, 3, "r7", true);
        file(dsl, b, year, ProjectType.NEW_BUILD, b.name() + "视频监控分析系统新建", new BigDecimal("2400000"), new BigDecimal("200000"), List.of(),
                List.of(b.name() + "视频监控分析系统"), Deployment.OWN_DATA_ROOM, "视频流量大，政务云暂不具备GPU资源，待政务云扩容后迁入",
                Network.EGOV_EXTRANET, DataRoomWork.NONE, false, 3, "r7-justified", true);
        file(dsl, c, year, ProjectType.NEW_BUILD, c.name() + "业务专网新建", new BigDecimal("3200000"), new BigDecimal("300000"), List.of(),
                List.of(c.name() + "专网管理系统"), Deployment.GOV_CLOUD, null, Network.NEW_PRIVATE_NETWORK, DataRoomWork.NONE, false, 3, "r3", true);
        Organisation d = orgs.get(cityDepartments.get(3 % cityDepartments.size()));
        file(dsl, d, year, ProjectType.NEW_BUILD, d.name() + "应急指挥通信专网建设", new BigDecimal("2800000"), new BigDecimal("260000"), List.of(),
                List.of(d.name() + "应急指挥通信系统"), Deployment.GOV_CLOUD, null, Network.NEW_PRIVATE_NETWORK, DataRoomWork.NONE, false, 3,
                "r3-exempt", true);
        file(dsl, a, year, ProjectType.NEW_BUILD, a.name() + "移动审批系统新建", new BigDecimal("900000"), new BigDecimal("80000"), List.of(),
                List.of(a.name() + "移动审批系统"), Deployment.OTHER, null, Network.EGOV_EXTRANET, DataRoomWork.NONE, false, 2, "r7-exempt", true);
        // a new build duplicating a registered system by name (R2)
        byOrg.get(c.code()).stream().findFirst().ifPresent(s -> file(dsl, c, year, ProjectType.NEW_BUILD, s.name() + "重建", new BigDecimal("1200000"),
                BigDecimal.ZERO, List.of(), List.of(s.name()), Deployment.GOV_CLOUD, null, Network.EGOV_EXTRANET, DataRoomWork.NONE, false, 3, "r2", true));
        // an expansion whose registered system requires a higher protection level than it has (R11)
        byOrg.values().stream().flatMap(List::stream).filter(s -> s.protectionLevel() != null && s.protectionLevel() <= 2).findFirst()
                .ifPresent(s -> file(dsl, orgs.get(s.organisationCode()), year, ProjectType.EXPANSION, s.name() + "扩容", new BigDecimal("650000"),
                        BigDecimal.ZERO, List.of(s.code()), List.of(), Deployment.GOV_CLOUD, null, Network.EGOV_EXTRANET, DataRoomWork.NONE, false, 3,
                        "r11", true));
        // 4. counties: a data room (R5), an own exchange platform (R6), and an ordinary request
        List<Organisation> counties = orgs.values().stream().filter(o -> o.type() == OrganisationType.COUNTY_DISTRICT).toList();
        Organisation county = counties.get(0);
        file(dsl, county, year, ProjectType.EXPANSION, county.name() + "政务数据机房扩建", new BigDecimal("2600000"), BigDecimal.ZERO,
                List.of(), List.of(county.name() + "机房动环监控系统"), Deployment.OWN_DATA_ROOM, "县级机房就近保障", Network.EGOV_EXTRANET,
                DataRoomWork.EXPAND, false, 2, "r5", true);
        Organisation county2 = counties.get(1 % counties.size());
        file(dsl, county2, year, ProjectType.NEW_BUILD, county2.name() + "数据共享交换平台建设", new BigDecimal("1500000"), new BigDecimal("120000"),
                List.of(), List.of(county2.name() + "数据共享交换平台"), Deployment.GOV_CLOUD, null, Network.EGOV_EXTRANET, DataRoomWork.NONE,
                true, 3, "r6", true);
        // 5. drafts never filed (R8)
        for (int k = 0; k < 3; k++) {
            Organisation o = counties.get((k + 2) % counties.size());
            file(dsl, o, year, ProjectType.CONTINUATION, o.name() + "智慧政务二期续建", new BigDecimal("700000"), BigDecimal.ZERO,
                    byOrg.getOrDefault(o.code(), List.of()).stream().limit(1).map(InformationSystem::code).toList(), List.of(),
                    Deployment.GOV_CLOUD, null, Network.EGOV_EXTRANET, DataRoomWork.NONE, false, null, "r8", false);
        }
        // 6. the office reviews: most approved, one returned, one rejected
        int n = 0;
        for (Made m : made) {
            var f = filings.get(dsl, m.id()).orElseThrow();
            if (f.status() != cn.suqian.govshare.filing.FilingStatus.SUBMITTED) {
                continue;
            }
            n++;
            if (n % 7 == 6) {
                continue; // still waiting in the office's queue
            }
            filing.step(dsl, OFFICE, m.id(), new FilingService.Step(FilingService.Action.START_REVIEW, null));
            FilingService.Action action = m.kind().equals("r3") ? FilingService.Action.REJECT
                    : n % 9 == 4 ? FilingService.Action.RETURN : n % 5 == 0 ? null : FilingService.Action.APPROVE;
            if (action != null) {
                filing.step(dsl, OFFICE, m.id(), new FilingService.Step(action, action == FilingService.Action.APPROVE ? "符合备案要求"
                        : action == FilingService.Action.RETURN ? "请补充与已有系统的整合方案" : "新建业务专网不符合整合共享要求"));
            }
        }
        Map<String, Integer> summary = new LinkedHashMap<>();
        summary.put("filings", made.size());
        summary.put("reviewed", n);
        return summary;
    }

    /** Exemptions and finance's decisions, once the verdicts exist. */
    Map<String, Integer> after(DSLContext dsl, int year, Map<String, Integer> summary) {
        int exemptions = 0;
        for (Made m : made) {
            String reason = switch (m.kind()) {
                case "r7-exempt" -> "移动审批需对接省级专用终端管理平台，经领导小组同意暂不在政务云部署";
                case "r3-exempt" -> "应急指挥通信须独立物理链路，经领导小组办公室研究同意";
                default -> null;
            };
            String rule = m.kind().equals("r3-exempt") ? "R3" : "R7";
            if (reason != null) {
                rules.grant(dsl, OFFICE, new EligibilityRules.ExemptionInput(year, rule, m.organisation(), m.id(), null, reason));
                exemptions++;
            }
        }
        int decided = 0;
        for (Made m : made) {
            if (!m.kind().equals("o&m") && !m.kind().equals("r7-justified") && !m.kind().equals("r4")) {
                continue;
            }
            if (decided >= 12) {
                break;
            }
            var f = filings.get(dsl, m.id()).orElseThrow();
            var verdict = eligibility.currentVerdict(dsl, m.id()).orElse(cn.suqian.govshare.eligibility.Verdict.NEEDS_REVIEW);
            boolean against = m.kind().equals("r4");
            if (verdict == cn.suqian.govshare.eligibility.Verdict.NOT_ELIGIBLE && !against) {
                decisions.decide(dsl, FINANCE, m.id(), new FundingDecisions.Input(FundingDecisions.Decision.NOT_FUNDED, null, null,
                        "资格审查不符合，待整改后再行申请"));
            } else {
                decisions.decide(dsl, FINANCE, m.id(), new FundingDecisions.Input(decided % 4 == 3 ? FundingDecisions.Decision.PARTLY_FUNDED
                        : FundingDecisions.Decision.FUNDED, f.constructionAmount(), decided % 4 == 3 || against
                        ? f.omAmount().divide(BigDecimal.TWO) : f.omAmount(),
                        against ? "专网迁移期间保障业务连续，运维经费按半年安排（财政局党组会议纪要）" : "按备案安排"));
            }
            decided++;
        }
        summary.put("exemptions", exemptions);
        summary.put("decisions", decided);
        return summary;
    }

    private void file(DSLContext dsl, Organisation org, int year, ProjectType type, String name, BigDecimal construction, BigDecimal om,
                      List<String> systems, List<String> planned, Deployment deployment, String justification, Network network,
                      DataRoomWork room, boolean platform, Integer level, String kind, boolean submit) {
        if (org == null) {
            return;
        }
        CurrentUser department = new CurrentUser("dept-" + org.code(), org.name(), Role.DEPARTMENT, org.code());
        Filing f = filing.create(dsl, department, new Filing.Input(org.code(), year, type, name, construction, om,
                List.of(new Filing.FundingSource("财政预算", construction, om)), systems,
                planned.stream().map(p -> new Filing.PlannedSystem(p, name)).toList(), deployment, justification, network,
                network == Network.NEW_PRIVATE_NETWORK || network == Network.EXISTING_PRIVATE_NETWORK ? "业务数据须与互联网物理隔离" : null,
                room, platform, planned.isEmpty() || kind.equals("r2") ? List.of() : List.of(name.replace("新建", "") + "业务数据"), List.of(), "通过前置机接入市级数据共享交换平台，按目录提供和使用数据", level,
                "系统可用率不低于99%，数据共享调用量同比增长20%", null));
        if (type == ProjectType.NEW_BUILD || type == ProjectType.EXPANSION) {
            filing.attach(dsl, department, f.id(), Filing.AttachmentKind.FEASIBILITY_STUDY, name + "可行性研究报告.pdf", PDF);
        }
        if (submit) {
            filing.step(dsl, department, f.id(), new FilingService.Step(FilingService.Action.SUBMIT, "请审核"));
        }
        made.add(new Made(f.id(), org.code(), kind));
    }
}
