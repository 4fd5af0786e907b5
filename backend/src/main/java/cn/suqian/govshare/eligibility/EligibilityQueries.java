package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.exchange.ExchangeQueries;
import cn.suqian.govshare.filing.Filing;
import cn.suqian.govshare.inventory.InformationSystem;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.web.NotFoundException;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reading verdicts: the finance board of a budget year (every request with its verdict, reasons and decision;
 * filters; totals requested vs eligible vs decided), a request's verdict detail and history, the verdict of a
 * system and of a department, and the auditors' effectiveness view. Departments see their own organisation only.
 */
@Service
public class EligibilityQueries {

    /** A request on the board. {@code reasons}: the plan rules that fired / ask for review / were exempted, in words. */
    public record BoardItem(long filingId, String organisationCode, String name, Filing.ProjectType projectType, cn.suqian.govshare.filing.FilingStatus status,
                            boolean late, BigDecimal constructionAmount, BigDecimal omAmount, Verdict verdict, BigDecimal eligibleConstruction,
                            BigDecimal eligibleOm, List<String> fired, List<String> review, List<String> exempted, List<String> passed,
                            List<String> reasons, OffsetDateTime computedAt, FundingDecisions.Decided decision) {
    }

    public record Totals(BigDecimal requested, BigDecimal eligible, BigDecimal decided) {
    }

    public record Board(int budgetYear, List<BoardItem> items, Totals totals, Map<Verdict, Integer> byVerdict) {
    }

    public record Detail(Filing filing, EligibilityRepository.StoredVerdict verdict, List<EligibilityRule> rules,
                         List<EligibilityRepository.ExemptionRow> exemptions, List<FundingDecisions.Decided> decisions,
                         List<EligibilityRepository.StoredVerdict> history) {
    }

    public record SystemVerdict(String systemCode, int budgetYear, Verdict verdict, List<Long> filingIds, List<Outcome> outcomes) {
    }

    public record OrganisationVerdict(String organisationCode, int budgetYear, Verdict verdict, Map<Verdict, Integer> byVerdict, List<BoardItem> items) {
    }

    private final Db db;
    private final Eligibility eligibility;
    private final EligibilityRepository repository;
    private final FundingDecisionRepository decisions;
    private final Inventory inventory;
    private final ExchangeQueries exchange;

    EligibilityQueries(Db db, Eligibility eligibility, EligibilityRepository repository, FundingDecisionRepository decisions, Inventory inventory,
                       ExchangeQueries exchange) {
        this.db = db;
        this.eligibility = eligibility;
        this.repository = repository;
        this.decisions = decisions;
        this.inventory = inventory;
        this.exchange = exchange;
    }

    /** Board filters; null means any. {@code rule}: the rule fired, asked for review or was exempted. */
    public record Filter(String organisation, Verdict verdict, Filing.ProjectType type, String rule) {
    }

    public Mono<Board> board(CurrentUser user, int year, Filter filter) {
        Eligibility.requireYear(year);
        return db.tx(dsl -> board(dsl, user, year, filter));
    }

    Board board(DSLContext dsl, CurrentUser user, int year, Filter filter) {
        String org = user.organisationScope().orElse(filter.organisation() == null || filter.organisation().isBlank() ? null : filter.organisation());
        Map<Long, EligibilityRepository.StoredVerdict> verdicts = repository.current(dsl, year, true);
        Map<Long, FundingDecisions.Decided> decided = decisions.current(dsl, year);
        Map<String, EligibilityRule> rules = repository.rulesByKey(dsl, verdicts.values());
        List<BoardItem> items = new ArrayList<>();
        for (Filing f : eligibility.filingsOf(dsl, year)) {
            if (org != null && !org.equals(f.organisationCode())) {
                continue;
            }
            BoardItem item = item(f, verdicts.get(f.id()), decided.get(f.id()), rules);
            if (filter.verdict() != null && item.verdict() != filter.verdict()) {
                continue;
            }
            if (filter.type() != null && f.projectType() != filter.type()) {
                continue;
            }
            if (filter.rule() != null && !filter.rule().isBlank() && !item.fired().contains(filter.rule()) && !item.review().contains(filter.rule())
                    && !item.exempted().contains(filter.rule())) {
                continue;
            }
            items.add(item);
        }
        BigDecimal requested = BigDecimal.ZERO;
        BigDecimal eligible = BigDecimal.ZERO;
        BigDecimal decidedSum = BigDecimal.ZERO;
        Map<Verdict, Integer> byVerdict = new EnumMap<>(Verdict.class);
        for (BoardItem i : items) {
            requested = requested.add(i.constructionAmount()).add(i.omAmount());
            eligible = eligible.add(i.eligibleConstruction()).add(i.eligibleOm());
            if (i.decision() != null) {
                decidedSum = decidedSum.add(i.decision().constructionAmount()).add(i.decision().omAmount());
            }
            byVerdict.merge(i.verdict(), 1, Integer::sum);
        }
        return new Board(year, items, new Totals(requested, eligible, decidedSum), byVerdict);
    }

    /** A stored verdict with its outcomes' evidence and the rules' words filled in. */
    static EligibilityRepository.StoredVerdict hydrated(EligibilityRepository.StoredVerdict v, Map<String, EligibilityRule> rules) {
        if (v == null || v.outcomes() == null) {
            return v;
        }
        List<Outcome> outcomes = v.outcomes().stream().map(o -> RuleEngine.hydrate(o, v.facts(), rules, v.budgetYear())).toList();
        return new EligibilityRepository.StoredVerdict(v.id(), v.filingId(), v.budgetYear(), v.organisationCode(), v.verdict(),
                v.eligibleConstruction(), v.eligibleOm(), outcomes, v.facts(), v.rules(), v.cause(), v.causeCode(), v.causeParams(), v.changes(),
                v.fingerprint(), v.computedAt(), v.current());
    }

    static BoardItem item(Filing f, EligibilityRepository.StoredVerdict v, FundingDecisions.Decided d, Map<String, EligibilityRule> rules) {
        List<String> fired = new ArrayList<>();
        List<String> review = new ArrayList<>();
        List<String> exempted = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (v != null) {
            for (Outcome o : v.outcomes()) {
                String where = o.systemCode() == null ? "" : "（" + o.systemCode() + "）";
                EligibilityRule rule = rules.get(v.budgetYear() + "/" + o.ruleId() + "/" + o.version());
                String summary = rule == null ? o.ruleId() : rule.summary();
                switch (o.result()) {
                    case FIRED -> {
                        add(o.verdict() == Verdict.NEEDS_REVIEW ? review : fired, o.ruleId());
                        reasons.add(o.ruleId() + where + (o.verdict() == Verdict.NEEDS_REVIEW ? " 须复核：" : " 不符合：") + summary);
                    }
                    case NEEDS_REVIEW -> {
                        add(review, o.ruleId());
                        reasons.add(o.ruleId() + where + " 须复核，缺少事实：" + (o.missing() == null ? o.error() : String.join("、", o.missing())));
                    }
                    case EXEMPTED -> {
                        add(exempted, o.ruleId());
                        reasons.add(o.ruleId() + where + " 已豁免（" + o.exemption().reason() + "）：" + summary);
                    }
                    case PASSED -> add(passed, o.ruleId());
                    case NOT_APPLICABLE -> {
                    }
                }
            }
        }
        return new BoardItem(f.id(), f.organisationCode(), f.name(), f.projectType(), f.status(), f.late(), f.constructionAmount(), f.omAmount(),
                v == null ? Verdict.NEEDS_REVIEW : v.verdict(), v == null ? BigDecimal.ZERO : v.eligibleConstruction(),
                v == null ? BigDecimal.ZERO : v.eligibleOm(), fired, review, exempted, passed, reasons, v == null ? null : v.computedAt(), d);
    }

    private static void add(List<String> list, String rule) {
        if (!list.contains(rule)) {
            list.add(rule);
        }
    }

    public Mono<Detail> detail(CurrentUser user, long filingId) {
        return db.tx(dsl -> {
            Filing f = eligibility.filing(dsl, user, filingId);
            var stored = repository.current(dsl, filingId).orElse(null);
            List<EligibilityRule> rules = stored == null ? repository.rules(dsl, f.budgetYear()) : repository.rules(dsl, stored.rules());
            Map<String, EligibilityRule> byKey = new HashMap<>();
            rules.forEach(r -> byKey.put(r.key(), r));
            var v = hydrated(stored, byKey);
            var exemptions = repository.exemptions(dsl, f.budgetYear(), f.organisationCode()).stream()
                    .filter(e -> e.filingId() == null || e.filingId() == filingId).toList();
            return new Detail(f, v, rules, exemptions, decisions.history(dsl, filingId), repository.history(dsl, filingId));
        });
    }

    public Mono<EligibilityRepository.StoredVerdict> verdict(CurrentUser user, long filingId, long verdictId) {
        return db.tx(dsl -> {
            eligibility.filing(dsl, user, filingId);
            var v = repository.verdict(dsl, verdictId).orElseThrow(() -> new NotFoundException("verdict", verdictId));
            if (v.filingId() != filingId) {
                throw new NotFoundException("verdict", verdictId);
            }
            Map<String, EligibilityRule> byKey = new HashMap<>();
            repository.rules(dsl, v.rules()).forEach(r -> byKey.put(r.key(), r));
            return hydrated(v, byKey);
        });
    }

    public Mono<Eligibility.Reproduction> reproduce(CurrentUser user, long filingId, long verdictId) {
        return db.tx(dsl -> {
            eligibility.filing(dsl, user, filingId);
            return eligibility.reproduce(dsl, verdictId);
        });
    }

    public Mono<SystemVerdict> system(CurrentUser user, String code, int year) {
        Eligibility.requireYear(year);
        return db.tx(dsl -> {
            String owner = inventory.ownerOf(dsl, code).orElseThrow(() -> new NotFoundException("system", code));
            user.requireRead(owner);
            List<Outcome> outcomes = new ArrayList<>();
            List<Long> filings = new ArrayList<>();
            List<Verdict> verdicts = new ArrayList<>();
            var current = repository.current(dsl, year, true);
            Map<String, EligibilityRule> byKey = repository.rulesByKey(dsl, current.values());
            for (var stored : current.values()) {
                var v = hydrated(stored, byKey);
                boolean mentions = false;
                for (Outcome o : v.outcomes()) {
                    if (code.equals(o.systemCode())) {
                        outcomes.add(o);
                        mentions = true;
                        verdicts.add(switch (o.result()) {
                            case FIRED -> o.verdict();
                            case NEEDS_REVIEW -> Verdict.NEEDS_REVIEW;
                            case EXEMPTED -> Verdict.ELIGIBLE_BY_EXEMPTION;
                            case PASSED -> Verdict.ELIGIBLE;
                            case NOT_APPLICABLE -> Verdict.NOT_APPLICABLE;
                        });
                    }
                }
                if (mentions) {
                    filings.add(v.filingId());
                }
            }
            filings.sort(null);
            return new SystemVerdict(code, year, Eligibility.combine(verdicts), filings, outcomes);
        });
    }

    public Mono<OrganisationVerdict> organisation(CurrentUser user, String code, int year) {
        Eligibility.requireYear(year);
        user.requireRead(code);
        return db.tx(dsl -> {
            Board b = board(dsl, user, year, new Filter(code, null, null, null));
            return new OrganisationVerdict(code, year, Eligibility.combine(b.items().stream().map(BoardItem::verdict).toList()), b.byVerdict(),
                    b.items());
        });
    }

    // ---- effectiveness (审计: 专项资金效益) ---------------------------------------------------------

    public record FundedSystem(String systemCode, String systemName, String organisationCode, long filingId, BigDecimal fundedOm,
                               BigDecimal fundedConstruction, BigDecimal annualOmCost, Boolean connected, Boolean zombie, Fact connection) {
    }

    public record OrganisationUse(String organisationCode, BigDecimal fundedOm, long callsServed, long callsConsumed, Double servedPer10k,
                                  Double consumedPer10k) {
    }

    public record OmCost(String organisationCode, InformationSystem.LifecycleStatus status, int systems, BigDecimal annualOmCost) {
    }

    public record Effectiveness(int budgetYear, LocalDate trafficFrom, LocalDate trafficTo, List<FundedSystem> funded, List<FundedSystem> fundedZombies,
                                List<FundedSystem> fundedNotConnected, List<OrganisationUse> use, List<OmCost> omCost,
                                List<FundingDecisions.Decided> againstVerdict) {
    }

    public Mono<Effectiveness> effectiveness(int year) {
        Eligibility.requireYear(year);
        return db.tx(dsl -> {
            Map<Long, EligibilityRepository.StoredVerdict> verdicts = repository.current(dsl, year, true);
            Map<Long, FundingDecisions.Decided> decided = decisions.current(dsl, year);
            Map<String, InformationSystem> systems = new HashMap<>();
            inventory.activeSystems(dsl).forEach(s -> systems.put(s.code(), s));
            List<FundedSystem> funded = new ArrayList<>();
            Map<String, BigDecimal> fundedOmByOrg = new TreeMap<>();
            for (Filing f : eligibility.filingsOf(dsl, year)) {
                var d = decided.get(f.id());
                if (d == null || d.decision() == FundingDecisions.Decision.NOT_FUNDED) {
                    continue;
                }
                fundedOmByOrg.merge(f.organisationCode(), d.omAmount(), BigDecimal::add);
                var v = verdicts.get(f.id());
                for (String code : f.systemCodes()) {
                    Map<String, Fact> facts = v == null ? Map.of() : v.facts().systems().getOrDefault(code, Map.of());
                    InformationSystem s = systems.get(code);
                    Fact connected = facts.get("system.connected");
                    Fact zombie = facts.get("system.zombie");
                    funded.add(new FundedSystem(code, s == null ? code : s.name(), f.organisationCode(), f.id(), d.omAmount(), d.constructionAmount(),
                            s == null ? null : s.annualOmCost(), connected == null ? null : (Boolean) connected.value(),
                            zombie == null ? null : (Boolean) zombie.value(), connected));
                }
            }
            LocalDate to = LocalDate.now(FactSheet.ZONE);
            LocalDate from = to.minusDays(365);
            var summary = exchange.summary(dsl, from.atStartOfDay(FactSheet.ZONE).toOffsetDateTime(), to.atStartOfDay(FactSheet.ZONE).toOffsetDateTime(), null);
            Map<String, long[]> calls = new HashMap<>();
            summary.organisations().forEach(o -> calls.put(o.organisation(), new long[]{o.provided().calls(), o.consumed().calls()}));
            List<OrganisationUse> use = new ArrayList<>();
            fundedOmByOrg.forEach((org, om) -> {
                long[] c = calls.getOrDefault(org, new long[2]);
                double tenK = om.divide(BigDecimal.valueOf(10_000), 6, RoundingMode.HALF_UP).doubleValue();
                use.add(new OrganisationUse(org, om, c[0], c[1], tenK == 0 ? null : Math.round(c[0] / tenK * 10) / 10.0,
                        tenK == 0 ? null : Math.round(c[1] / tenK * 10) / 10.0));
            });
            Map<String, OmCost> costs = new LinkedHashMap<>();
            systems.values().stream().sorted(java.util.Comparator.comparing(InformationSystem::organisationCode)
                    .thenComparing(InformationSystem::lifecycleStatus)).forEach(s -> {
                String key = s.organisationCode() + "/" + s.lifecycleStatus();
                OmCost c = costs.get(key);
                BigDecimal cost = s.annualOmCost() == null ? BigDecimal.ZERO : s.annualOmCost();
                costs.put(key, c == null ? new OmCost(s.organisationCode(), s.lifecycleStatus(), 1, cost)
                        : new OmCost(c.organisationCode(), c.status(), c.systems() + 1, c.annualOmCost().add(cost)));
            });
            return new Effectiveness(year, from, to, funded, funded.stream().filter(s -> Boolean.TRUE.equals(s.zombie())).toList(),
                    funded.stream().filter(s -> Boolean.FALSE.equals(s.connected())).toList(), use, new ArrayList<>(costs.values()),
                    decisions.flagged(dsl, year));
        });
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
