package cn.suqian.govshare.assessment;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Methodology versions: stored as data per year, imported and exported as YAML, each with its change log and
 * author. The default (RULES.md) ships as {@code assessment/default-methodology.yaml} and becomes a year's
 * version 1 when the year has none.
 */
@Service
public class MethodologyService {

    static final Set<String> PREDICATES = Set.of("EXTRANET", "CLOUD", "CONNECTED", "PROTECTED", "NOT_ZOMBIE");
    static final Set<String> TIMELINESS_SUBJECTS = Set.of("REPORT", "RESOURCES", "FILINGS");

    /** A methodology as written in YAML. */
    public record Document(String name, String changeLog, List<Methodology.Pillar> pillars, List<Methodology.GradeBand> grades) {
    }

    private final Db db;
    private final AssessmentRepository repository;

    MethodologyService(Db db, AssessmentRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    public Mono<List<Methodology>> list(CurrentUser user, Integer year) {
        return db.tx(dsl -> repository.methodologies(dsl, year));
    }

    public Mono<Methodology> get(CurrentUser user, int year, int version) {
        return db.tx(dsl -> repository.methodology(dsl, year, version).orElseThrow(() -> new NotFoundException("methodology", year + "/v" + version)));
    }

    public Mono<String> exportYaml(CurrentUser user, int year, int version) {
        return get(user, year, version).map(MethodologyService::toYaml);
    }

    /** Imports a YAML document as the year's next version; {@code changeLog} overrides the document's. */
    public Mono<Methodology> importYaml(CurrentUser user, int year, String yaml, String changeLog) {
        Assessments.requireOffice(user);
        return db.tx(dsl -> importYaml(dsl, user.actor(), year, yaml, changeLog));
    }

    public Methodology importYaml(DSLContext dsl, Actor actor, int year, String yaml, String changeLog) {
        Document d = parse(yaml);
        String log = changeLog != null && !changeLog.isBlank() ? changeLog.strip() : d.changeLog();
        if (log == null || log.isBlank()) {
            throw new InvalidInputException(List.of(FieldProblem.of("changeLog", null, ProblemCode.ASSESSMENT_REASON_REQUIRED)));
        }
        int version = repository.nextVersion(dsl, year);
        long id = repository.insertMethodology(dsl, year, version, d.name(), new Methodology.Definition(d.pillars(), d.grades()), log, actor.name());
        return repository.methodology(dsl, id).orElseThrow();
    }

    /** The year's latest version; when it has none, the default stored as its version 1. */
    Methodology latestOrDefault(DSLContext dsl, Actor actor, int year) {
        return repository.methodologies(dsl, year).stream().findFirst()
                .orElseGet(() -> importYaml(dsl, actor, year, defaultYaml(), null));
    }

    /** Read once when the class loads (at start-up), never on a request's event loop. */
    private static final String DEFAULT_YAML = readDefault();

    public static String defaultYaml() {
        return DEFAULT_YAML;
    }

    private static String readDefault() {
        try (InputStream in = MethodologyService.class.getResourceAsStream("/assessment/default-methodology.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("default methodology missing", e);
        }
    }

    /** Parses and checks a YAML methodology: codes unique, weights positive, kinds and predicates known, grade bands present. */
    public static Document parse(String yaml) {
        Object raw;
        try {
            raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml == null ? "" : yaml);
        } catch (RuntimeException e) {
            throw invalid(String.valueOf(e.getMessage()).lines().findFirst().orElse("YAML"));
        }
        if (!(raw instanceof Map<?, ?>)) {
            throw invalid("not a mapping");
        }
        Document d;
        try {
            d = AssessmentRepository.JSON.convertValue(raw, Document.class);
        } catch (RuntimeException e) {
            throw invalid(String.valueOf(e.getMessage()).lines().findFirst().orElse("shape"));
        }
        List<String> problems = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            problems.add("name missing");
        }
        if (d.pillars() == null || d.pillars().isEmpty()) {
            problems.add("no pillars");
        }
        Set<String> codes = new HashSet<>();
        for (var p : d.pillars() == null ? List.<Methodology.Pillar>of() : d.pillars()) {
            if (p.code() == null || !codes.add("pillar:" + p.code())) {
                problems.add("pillar code missing or repeated: " + p.code());
            }
            for (var i : p.indicators() == null ? List.<Methodology.Indicator>of() : p.indicators()) {
                if (i.code() == null || !i.code().matches("^[a-z][a-zA-Z0-9]{0,60}$") || !codes.add(i.code())) {
                    problems.add("indicator code missing, malformed or repeated: " + i.code());
                }
                if (i.kind() == null) {
                    problems.add("indicator " + i.code() + ": kind missing");
                }
                if (!(i.weight() > 0)) {
                    problems.add("indicator " + i.code() + ": weight must be positive");
                }
                if (i.kind() == IndicatorKind.SYSTEM_SHARE && !PREDICATES.contains(i.parameter("predicate", ""))) {
                    problems.add("indicator " + i.code() + ": predicate one of " + PREDICATES);
                }
                if (i.kind() == IndicatorKind.SYSTEM_SHARE && !Set.of("EXCLUDE", "NOT_MET").contains(i.parameter("noData", "NOT_MET"))) {
                    problems.add("indicator " + i.code() + ": noData one of EXCLUDE, NOT_MET");
                }
                if (i.kind() == IndicatorKind.TIMELINESS && !TIMELINESS_SUBJECTS.contains(i.parameter("subject", "REPORT"))) {
                    problems.add("indicator " + i.code() + ": subject one of " + TIMELINESS_SUBJECTS);
                }
            }
        }
        if (d.grades() == null || d.grades().isEmpty() || d.grades().stream().noneMatch(g -> g.min() <= 0)) {
            problems.add("grade bands must cover 0");
        }
        if (!problems.isEmpty()) {
            throw invalid(String.join("; ", problems));
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    public static String toYaml(Methodology m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", m.name());
        doc.put("changeLog", m.changeLog());
        Object tree = AssessmentRepository.JSON.convertValue(m.definition(), Object.class);
        doc.putAll((Map<String, Object>) tree);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        options.setIndent(2);
        return "# methodology " + m.year() + " v" + m.version() + " by " + m.author() + "\n" + new Yaml(options).dump(doc);
    }

    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException(List.of(FieldProblem.of("yaml", null, ProblemCode.METHODOLOGY_INVALID,
                detail.length() > 300 ? detail.substring(0, 300) : detail)));
    }
}
