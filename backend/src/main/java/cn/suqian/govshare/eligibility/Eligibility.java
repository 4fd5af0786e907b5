package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.filing.Filing;
import cn.suqian.govshare.filing.FilingChanged;
import cn.suqian.govshare.filing.Filings;
import cn.suqian.govshare.inventory.SystemsChanged;
import cn.suqian.govshare.organisation.OrganisationChanged;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Eligibility verdicts: computed from a year's rules and the facts of now, stored with those facts and rule
 * versions, recomputed when facts change — a filing changed, a system or organisation edited in the registries, an
 * exemption granted or revoked, a rule changed (each in the transaction that changed it), and on a schedule for new
 * measurements (connection probes, exchange traffic, zombie candidates) — and written only when the
 * facts or outcomes differ, with the cause and the facts that changed. The published API for other capabilities.
 */
@Service
public class Eligibility {

    private static final Logger log = LoggerFactory.getLogger(Eligibility.class);

    /** While bound, filing changes only mark their year for one recompute at the end (bulk loads such as the demo). */
    private static final ScopedValue<Set<Integer>> DEFERRED = ScopedValue.newInstance();

    private final Db db;
    private final Filings filings;
    private final FactSheet facts;
    private final EligibilityRepository repository;

    Eligibility(Db db, Filings filings, FactSheet facts, EligibilityRepository repository) {
        this.db = db;
        this.filings = filings;
        this.facts = facts;
        this.repository = repository;
    }

    /** What one recompute did. */
    public record Recompute(int budgetYear, int filings, int written, long millis, String cause) {
    }

    /**
     * Why verdicts were recomputed: a stable code with its parameters (pages say it under {@code cause.<code>}),
     * and the English text for API users.
     */
    public record Cause(String code, Map<String, Object> params) {

        public static Cause of(String code, Object... keyValues) {
            Map<String, Object> p = new java.util.LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                p.put((String) keyValues[i], keyValues[i + 1]);
            }
            return new Cause(code, p);
        }

        public String english() {
            return cn.suqian.govshare.web.Messages.english("cause." + code, params);
        }
    }

    /** One fact (of the request, or of one of its systems) that differs from the previous verdict; fact "verdict" for the verdict. */
    public record Change(String system, String fact, Object before, Object after) {
    }

    @EventListener
    void filingChanged(FilingChanged event) {
        if (DEFERRED.isBound()) {
            DEFERRED.get().add(event.budgetYear());
            return;
        }
        recompute(event.dsl(), event.budgetYear(), Set.of(event.filingId()), new Cause(event.causeCode(), event.causeParams()));
    }

    /**
     * A registry edit of systems: the verdicts of the requests naming them (budget years from this one on; an earlier
     * year's verdicts stay as they were computed) are recomputed in the editing transaction, the edit as their cause.
     */
    @EventListener
    void systemsChanged(SystemsChanged event) {
        recomputeAffected(event.dsl(), filings.naming(event.dsl(), event.systemCodes(), thisYear()), new Cause(event.causeCode(), event.causeParams()));
    }

    /** A registry edit of an organisation (its type decides the county/district rules): its requests' verdicts, likewise. */
    @EventListener
    void organisationChanged(OrganisationChanged event) {
        recomputeAffected(event.dsl(), filings.ofOrganisation(event.dsl(), event.organisationCode(), thisYear()),
                new Cause(event.causeCode(), event.causeParams()));
    }

    /** The registries besides the inventory and the organisations that verdicts read facts from (FactSheet). */
    static final Set<String> REGISTRIES_READ = Set.of("private_network", "catalogue_resource", "connection_target");

    /**
     * A registry edit of private networks, catalogue resources or connection targets: the requests of the organisations
     * owning them (an import: every request) from this budget year on are recomputed in the editing transaction.
     */
    @EventListener
    void recordsChanged(cn.suqian.govshare.record.RecordsChanged event) {
        if (!REGISTRIES_READ.contains(event.entityType())) {
            return;
        }
        Cause cause = new Cause(event.causeCode(), event.causeParams());
        if (event.organisationCodes() == null) {
            recomputeAffected(event.dsl(), filings.naming(event.dsl(), null, thisYear()), cause);
            return;
        }
        Map<Integer, List<Long>> byYear = new java.util.TreeMap<>();
        for (String organisation : event.organisationCodes()) {
            filings.ofOrganisation(event.dsl(), organisation, thisYear())
                    .forEach((year, ids) -> byYear.computeIfAbsent(year, k -> new java.util.ArrayList<>()).addAll(ids));
        }
        recomputeAffected(event.dsl(), byYear, cause);
    }

    /** The ids of an organisation's requests of a budget year, inside the caller's transaction. */
    List<Long> requestsOf(DSLContext dsl, String organisationCode, int year) {
        return filings.ofOrganisation(dsl, organisationCode, year).getOrDefault(year, List.of());
    }

    private static int thisYear() {
        return LocalDate.now(FactSheet.ZONE).getYear();
    }

    /**
     * Recomputes these filings' verdicts inside the caller's transaction, behind a savepoint: a verdict that cannot be
     * computed now must not undo the registry edit (the scheduled re-read catches it up), and is logged.
     */
    private void recomputeAffected(DSLContext dsl, Map<Integer, List<Long>> byYear, Cause cause) {
        if (DEFERRED.isBound()) {
            DEFERRED.get().addAll(byYear.keySet());
            return;
        }
        byYear.forEach((year, ids) -> {
            try {
                dsl.transaction(nested -> recompute(nested.dsl(), year, ids, cause));
            } catch (RuntimeException e) {
                log.warn("Eligibility recompute of {} filings of {} after {} failed: {}", ids.size(), year, cause.code(), e.toString());
            }
        });
    }

    /** Runs {@code work} with filing changes deferred, then recomputes every year touched once, in the same transaction. */
    public <T> T deferringRecompute(DSLContext dsl, Cause cause, java.util.function.Function<DSLContext, T> work) {
        Set<Integer> years = new HashSet<>();
        T result = ScopedValue.where(DEFERRED, years).call(() -> work.apply(dsl));
        years.forEach(y -> recompute(dsl, y, null, cause));
        return result;
    }

    public Mono<Recompute> recompute(int year, Cause cause) {
        return db.tx(dsl -> recompute(dsl, year, null, cause));
    }

    /** Scheduled re-read of the facts for the years with filings: measurements arrive continuously, not as edits. */
    @Scheduled(fixedDelayString = "${govshare.eligibility.recompute-every:PT10M}", initialDelayString = "PT2M")
    void scheduled() {
        int year = LocalDate.now(FactSheet.ZONE).getYear();
        for (int y : List.of(year, year + 1)) {
            try {
                db.inTransaction(Actor.system("eligibility"), dsl -> recompute(dsl, y, null, Cause.of("scheduled")));
            } catch (RuntimeException e) {
                log.warn("Eligibility recompute of {} failed: {}", y, e.toString());
            }
        }
    }

    /**
     * Recomputes the verdicts of a year ({@code only}: these filings; null: all), inside the caller's transaction.
     * A filing whose facts and outcomes are unchanged keeps its verdict; any other gets a new current verdict
     * with {@code cause} and the list of facts that changed.
     */
    public Recompute recompute(DSLContext dsl, int year, Collection<Long> only, Cause cause) {
        long started = System.nanoTime();
        List<Filing> all = filings.ofYear(dsl, year);
        Set<Long> wanted = only == null ? null : new HashSet<>(only);
        List<Filing> targets = wanted == null ? all : all.stream().filter(f -> wanted.contains(f.id())).toList();
        if (targets.isEmpty()) {
            return new Recompute(year, 0, 0, 0, cause.english());
        }
        List<EligibilityRule> rules = repository.rules(dsl, year);
        List<String> ruleKeys = rules.stream().map(EligibilityRule::key).toList();
        List<RuleEngine.Exemption> exemptions = repository.inForce(dsl, year, OffsetDateTime.now());
        FactSheet.Snapshot snapshot = facts.snapshot(dsl, year, FactSheet.organisations(targets));
        Map<Long, EligibilityRepository.StoredVerdict> current = repository.current(dsl, year, false);
        long read = System.nanoTime();
        List<EligibilityRepository.NewVerdict> changed = new ArrayList<>();
        Set<Long> sameFacts = new HashSet<>();
        for (Filing f : targets) {
            RuleEngine.Facts fs = facts.facts(snapshot, f);
            RuleEngine.Evaluation e = RuleEngine.evaluate(rules, f.id(), f.organisationCode(), f.constructionAmount(), f.omAmount(), fs, exemptions);
            Map<String, Object> values = factValues(fs);
            String fingerprint = fingerprint(values, e, ruleKeys);
            var previous = current.get(f.id());
            if (previous != null && previous.fingerprint().equals(fingerprint)) {
                continue;
            }
            if (previous != null && factsPart(fingerprint).equals(factsPart(previous.fingerprint()))) {
                sameFacts.add(f.id()); // only the outcomes changed (a rule, an exemption): no fact to compare
            }
            changed.add(new EligibilityRepository.NewVerdict(f.id(), year, f.organisationCode(), e, fs, values, ruleKeys, cause, List.of(),
                    fingerprint));
        }
        long evaluated = System.nanoTime();
        // what changed since the previous verdicts: their stored fact values, read in one go where the facts differ
        Map<Long, Map<String, Object>> before = repository.currentFactValues(dsl, changed.stream()
                .filter(n -> current.containsKey(n.filingId()) && !sameFacts.contains(n.filingId()))
                .map(EligibilityRepository.NewVerdict::filingId).toList());
        changed.replaceAll(n -> current.containsKey(n.filingId())
                ? new EligibilityRepository.NewVerdict(n.filingId(), n.budgetYear(), n.organisationCode(), n.evaluation(), n.facts(), n.factValues(),
                n.rules(), n.cause(), changes(before.get(n.filingId()), n.factValues(), current.get(n.filingId()).verdict(), n.evaluation().verdict()),
                n.fingerprint())
                : n);
        long compared = System.nanoTime();
        repository.replace(dsl, changed);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (only == null) {
            log.info("Eligibility {}: {} filings evaluated, {} verdicts written in {} ms (read {}, evaluate {}, compare {}, write {}) ({})", year,
                    targets.size(), changed.size(), millis, (read - started) / 1_000_000, (evaluated - read) / 1_000_000,
                    (compared - evaluated) / 1_000_000, (System.nanoTime() - compared) / 1_000_000, cause.english());
        }
        return new Recompute(year, targets.size(), changed.size(), millis, cause.english());
    }

    /** The facts' values alone, by "name" for the request's and "system/name" for its systems', in a stable order. */
    static Map<String, Object> factValues(RuleEngine.Facts fs) {
        Map<String, Object> out = new TreeMap<>(RuleEngine.values(fs.filing()));
        fs.systems().forEach((code, m) -> RuleEngine.values(m).forEach((k, v) -> out.put(code + "/" + k, v)));
        return out;
    }

    /**
     * Same fact values, same outcomes, same rule versions: same fingerprint. Two parts, "facts:outcomes", so that a
     * recompute whose facts are unchanged (a rule changed, an exemption) knows it without reading the stored facts.
     */
    static String fingerprint(Map<String, Object> values, RuleEngine.Evaluation e, List<String> ruleKeys) {
        StringBuilder f = new StringBuilder();
        values.forEach((k, v) -> f.append(k).append('=').append(plain(v)).append(';'));
        StringBuilder b = new StringBuilder();
        b.append('|').append(e.verdict()).append('|').append(e.eligibleConstruction().stripTrailingZeros().toPlainString())
                .append('|').append(e.eligibleOm().stripTrailingZeros().toPlainString());
        e.outcomes().forEach(o -> b.append('|').append(o.ruleId()).append(o.version()).append(o.systemCode()).append(o.result())
                .append(o.exemption() == null ? "" : o.exemption().id()).append(o.missing()));
        b.append('|').append(String.join(",", ruleKeys));
        return sha256(f) + ":" + sha256(b);
    }

    /** The facts' part of a fingerprint (an older one-part fingerprint: the whole, which no new one equals). */
    static String factsPart(String fingerprint) {
        int colon = fingerprint.indexOf(':');
        return colon < 0 ? fingerprint : fingerprint.substring(0, colon);
    }

    private static String sha256(CharSequence text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The facts and the verdict that differ from the previous verdict's. */
    static List<Change> changes(Map<String, Object> before, Map<String, Object> after, Verdict previous, Verdict now) {
        List<Change> out = new ArrayList<>();
        if (before != null) {
            Set<String> keys = new java.util.TreeSet<>(before.keySet());
            keys.addAll(after.keySet());
            for (String k : keys) {
                Object x = before.get(k);
                Object y = after.get(k);
                if (!Objects.equals(plain(x), plain(y))) {
                    int slash = k.indexOf('/');
                    out.add(new Change(slash < 0 ? null : k.substring(0, slash), slash < 0 ? k : k.substring(slash + 1), x, y));
                }
            }
        }
        if (previous != now) {
            out.add(new Change(null, "verdict", previous.name(), now.name()));
        }
        return out;
    }

    /** A fact value as compared between verdicts: numbers by value (a stored 12.5 equals a measured 12.50). */
    private static String plain(Object v) {
        return v instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }

    // ---- reading ------------------------------------------------------------------------------

    /** The newest stored verdict's id (0 when none), for live pages announcing new verdicts; inside the caller's transaction. */
    public long lastVerdictId(DSLContext dsl) {
        Long id = dsl.select(org.jooq.impl.DSL.max(cn.suqian.govshare.db.schema.Tables.ELIGIBILITY_VERDICT.ID))
                .from(cn.suqian.govshare.db.schema.Tables.ELIGIBILITY_VERDICT).fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    /** A request's current verdict, inside the caller's transaction (empty before the first computation). */
    public java.util.Optional<Verdict> currentVerdict(DSLContext dsl, long filingId) {
        return repository.current(dsl, filingId).map(EligibilityRepository.StoredVerdict::verdict);
    }

    /** A stored verdict re-evaluated from its own stored facts and rule versions: equal when the verdict is reproducible. */
    public record Reproduction(long verdictId, Verdict stored, Verdict reproduced, boolean identical, List<String> ruleVersions) {
    }

    Reproduction reproduce(DSLContext dsl, long verdictId) {
        var v = repository.verdict(dsl, verdictId).orElseThrow(() -> new NotFoundException("verdict", verdictId));
        Filing f = filings.get(dsl, v.filingId()).orElseThrow();
        List<EligibilityRule> rules = repository.rules(dsl, v.rules());
        var e = RuleEngine.evaluate(rules, f.id(), v.organisationCode(), f.constructionAmount(), f.omAmount(), v.facts(),
                repository.inForce(dsl, v.budgetYear(), v.computedAt()));
        boolean identical = e.verdict() == v.verdict() && e.outcomes().size() == v.outcomes().size();
        for (int i = 0; identical && i < e.outcomes().size(); i++) {
            identical = e.outcomes().get(i).result() == v.outcomes().get(i).result()
                    && Objects.equals(e.outcomes().get(i).ruleId(), v.outcomes().get(i).ruleId());
        }
        return new Reproduction(verdictId, v.verdict(), e.verdict(), identical, v.rules());
    }

    /** The requests of a year with their current verdicts, for the organisation given (departments: own). */
    List<Filing> filingsOf(DSLContext dsl, int year) {
        return filings.ofYear(dsl, year);
    }

    Filing filing(DSLContext dsl, CurrentUser user, long id) {
        Filing f = filings.get(dsl, id).orElseThrow(() -> new NotFoundException("filing", id));
        user.requireRead(f.organisationCode());
        return f;
    }

    /** Verdicts are read by organisation scope; the office changes rules. */
    static void requireYear(Integer year) {
        if (year == null) {
            throw new InvalidInputException(FieldProblem.required("year"));
        }
        if (year < 2017 || year > 2100) {
            throw new InvalidInputException(FieldProblem.between("year", year, 2017, 2100));
        }
    }

    /** The verdict of several verdicts: the most severe; none at all is "not applicable". */
    static Verdict combine(Collection<Verdict> verdicts) {
        Verdict v = Verdict.NOT_APPLICABLE;
        for (Verdict x : verdicts) {
            v = v.worst(x);
        }
        return v;
    }
}
