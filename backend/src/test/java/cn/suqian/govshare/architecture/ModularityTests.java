package cn.suqian.govshare.architecture;

import cn.suqian.govshare.GovShareApplication;
import cn.suqian.govshare.architecture.fixture.FixtureApplication;
import cn.suqian.govshare.db.OwnsTables;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The capabilities as Spring Modulith modules: each module's allowed dependencies (declared in its
 * {@code package-info}) hold, its internals stay its own, and every table is read and written only by
 * the module that owns it. Both checks are shown to fail on a deliberate violation.
 */
class ModularityTests {

    static final String ROOT = "cn.suqian.govshare";
    // Left out: the build-time jOOQ generator (sql/), on the class path but not part of the application, and the
    // classes it generates (db.schema), which type each module's columns with that module's enums; which module
    // may use which table is the @OwnsTables rule below, not a module dependency.
    static final ApplicationModules MODULES = ApplicationModules.of(GovShareApplication.class,
            JavaClass.Predicates.resideInAnyPackage(ROOT + ".sql..", ROOT + ".db.schema.."));
    static final Pattern TABLE_CLASS = Pattern.compile("^" + Pattern.quote(ROOT) + "\\.db\\.schema\\.tables\\.(records\\.)?(\\w+)$");
    static final String TABLES = ROOT + ".db.schema.Tables";
    static final Path ARCHITECTURE_DOC = Path.of("..", "docs", "architecture.md");

    @Test
    void modules_keep_to_their_declared_dependencies() {
        MODULES.verify();
    }

    @Test
    void a_module_reaching_into_another_modules_internals_is_refused() {
        // the fixture lives in test sources, which module detection leaves out by default
        ApplicationModules fixture = ApplicationModules.of(FixtureApplication.class, location -> true);
        assertThatThrownBy(fixture::verify)
                .hasMessageContaining("alpha")
                .hasMessageContaining("internal");
    }

    @Test
    void every_table_is_owned_by_exactly_one_module() {
        Map<String, List<String>> owners = declaredOwners();
        List<String> tables = Arrays.stream(cn.suqian.govshare.db.schema.Tables.class.getFields())
                .map(f -> f.getName().toLowerCase()).sorted().toList();
        assertThat(tables).isNotEmpty();
        assertThat(tables).allSatisfy(t -> assertThat(owners.getOrDefault(t, List.of()))
                .as("modules declaring @OwnsTables(\"%s\")", t).hasSize(1));
        assertThat(owners.keySet()).as("tables declared but not in the schema").isSubsetOf(tables);
    }

    @Test
    void tables_are_used_only_by_the_module_that_owns_them() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
        assertThat(tableTrespasses(main, owningModules())).isEmpty();
    }

    @Test
    void a_module_using_another_modules_table_is_caught() {
        JavaClasses fixture = new ClassFileImporter().importClasses(cn.suqian.govshare.exchange.TableTrespassFixture.class);
        assertThat(tableTrespasses(fixture, owningModules()))
                .singleElement().asString().contains("exchange").contains("api_token").contains("security");
    }

    @Test
    void architecture_document_is_current() throws IOException {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
        String expected = architectureDocument();
        String current = Files.exists(ARCHITECTURE_DOC) ? Files.readString(ARCHITECTURE_DOC) : "";
        if (!current.equals(expected)) {
            Files.writeString(ARCHITECTURE_DOC, expected);
        }
        assertThat(current).as("docs/architecture.md was stale and has been regenerated; commit it").isEqualTo(expected);
    }

    /** Table name -> modules declaring it in {@code @OwnsTables}. */
    static Map<String, List<String>> declaredOwners() {
        Map<String, List<String>> owners = new TreeMap<>();
        MODULES.forEach(m -> {
            OwnsTables owns = ownsTables(m);
            if (owns != null) {
                for (String t : owns.value()) {
                    owners.computeIfAbsent(t, k -> new ArrayList<>()).add(m.getIdentifier().toString());
                }
            }
        });
        return owners;
    }

    static Map<String, String> owningModules() {
        Map<String, String> owner = new HashMap<>();
        declaredOwners().forEach((t, ms) -> owner.put(t, ms.getFirst()));
        return owner;
    }

    static OwnsTables ownsTables(ApplicationModule module) {
        try {
            return Class.forName(module.getBasePackage().getName() + ".package-info").getAnnotation(OwnsTables.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Every use of a generated table or record class by a class outside the module that owns the table. */
    static List<String> tableTrespasses(JavaClasses classes, Map<String, String> ownerOf) {
        List<String> trespasses = new ArrayList<>();
        for (JavaClass c : classes) {
            String module = moduleOf(c.getPackageName());
            if (module == null || module.equals("db")) {
                continue;
            }
            var seen = new TreeSet<String>();
            List<String> used = new ArrayList<>();
            c.getDirectDependenciesFromSelf().forEach(d -> {
                Matcher m = TABLE_CLASS.matcher(d.getTargetClass().getName());
                if (m.matches()) {
                    String name = m.group(1) != null ? m.group(2).replaceFirst("Record$", "") : m.group(2);
                    used.add(snake(name));
                }
            });
            // Tables.X passed as a whole (no column touched) is only a field access on Tables
            c.getFieldAccessesFromSelf().stream()
                    .filter(a -> a.getTargetOwner().getName().equals(TABLES))
                    .forEach(a -> used.add(a.getTarget().getName().toLowerCase()));
            for (String table : used) {
                String owner = ownerOf.get(table);
                if (!module.equals(owner) && seen.add(table)) {
                    trespasses.add(c.getName() + " (module " + module + ") uses table " + table + " owned by " + owner);
                }
            }
        }
        return trespasses;
    }

    static String moduleOf(String packageName) {
        if (!packageName.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    /** docs/architecture.md: the modules, what each owns, and a diagram of allowed dependencies. */
    static String architectureDocument() {
        StringBuilder md = new StringBuilder();
        md.append("# Architecture: modules and their allowed dependencies\n\n")
                .append("Generated by `ModularityTests` from the `@ApplicationModule` and `@OwnsTables` declarations in each\n")
                .append("module's `package-info.java`; the build fails when this file is stale (run the tests and commit it).\n")
                .append("An arrow is a dependency found in the code; each is declared in the module's `allowedDependencies`,\n")
                .append("and Spring Modulith's verification fails on any other. Every table is read and written only by the\n")
                .append("module that owns it;\n")
                .append("other modules go through the owner's published API. Spring Modulith's PlantUML diagrams are written\n")
                .append("to `backend/target/spring-modulith-docs/`.\n\n")
                .append("```mermaid\nflowchart TD\n");
        MODULES.stream().sorted((a, b) -> a.getIdentifier().toString().compareTo(b.getIdentifier().toString())).forEach(m -> {
            String id = m.getIdentifier().toString();
            md.append("  ").append(id).append("[\"").append(m.getDisplayName()).append("\"]\n");
        });
        MODULES.stream().sorted((a, b) -> a.getIdentifier().toString().compareTo(b.getIdentifier().toString())).forEach(m -> {
            String id = m.getIdentifier().toString();
            m.getDirectDependencies(MODULES).uniqueModules()
                    .map(d -> d.getIdentifier().toString()).sorted().distinct()
                    .forEach(d -> md.append("  ").append(id).append(" --> ").append(d).append("\n"));
        });
        md.append("```\n\n| module | package | owns tables | depends on |\n| --- | --- | --- | --- |\n");
        MODULES.stream().sorted((a, b) -> a.getIdentifier().toString().compareTo(b.getIdentifier().toString())).forEach(m -> {
            OwnsTables owns = ownsTables(m);
            md.append("| ").append(m.getDisplayName()).append(" | `").append(m.getBasePackage().getName()).append("` | ")
                    .append(owns == null ? "" : String.join(", ", Arrays.stream(owns.value()).map(t -> "`" + t + "`").toList()))
                    .append(" | ")
                    .append(String.join(", ", m.getDirectDependencies(MODULES).uniqueModules()
                            .map(d -> d.getIdentifier().toString()).sorted().distinct().toList()))
                    .append(" |\n");
        });
        return md.toString();
    }
}
