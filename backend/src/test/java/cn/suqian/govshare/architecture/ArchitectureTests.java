package cn.suqian.govshare.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package-by-capability rules beyond module boundaries (those are {@link ModularityTests}): no cycles, the
 * shared layer below the capabilities, JDBC only through the Db helper, no blocking calls, package-private
 * controllers that leave queries and row mapping to the layers below them. Tagged {@code architecture}: they read
 * every class on the class path, so the quick unit run leaves them out.
 */
@Tag("architecture")
class ArchitectureTests {

    static final String ROOT = "cn.suqian.govshare";
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    static final Pattern CAPABILITY = Pattern.compile("^" + Pattern.quote(ROOT) + "\\.(\\w+)(\\..*)?$");

    /** Generated from the migrations: a column holding a module's enum is typed with it, so these name every module. */
    static final String GENERATED_SCHEMA = ROOT + ".db.schema..";

    @Test
    void capabilities_are_free_of_cycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage(GENERATED_SCHEMA), DescribedPredicate.alwaysTrue())
                .because("capabilities build on each other in one direction, never in a circle")
                .check(CLASSES);
    }

    @Test
    void shared_infrastructure_does_not_depend_on_capabilities() {
        noClasses().that().resideInAnyPackage(ROOT + ".db..", ROOT + ".web..").and().resideOutsideOfPackage(GENERATED_SCHEMA)
                .should().dependOnClassesThat(new DescribedPredicate<>("belong to a capability") {
                    @Override
                    public boolean test(JavaClass c) {
                        String cap = capabilityOf(c.getPackageName());
                        return cap != null && !cap.equals("db") && !cap.equals("web");
                    }
                })
                .because("db and web are the thin shared layer every capability stands on")
                .check(CLASSES);
    }

    @Test
    void jdbc_is_reached_only_through_the_db_helper() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".db..", ROOT + ".scheduling..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
                .because("blocking JDBC must stay off the event loop: use Db.tx(...)")
                .check(CLASSES);
    }

    @Test
    void request_paths_never_block() {
        noClasses().should().callMethod(Mono.class, "block")
                .orShould().callMethod(Flux.class, "blockFirst")
                .orShould().callMethod(Flux.class, "blockLast")
                .because("a blocked event-loop thread stalls every request")
                .check(CLASSES);
    }

    @Test
    void controllers_are_package_private() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic()
                .because("a capability's web layer is not an API for other capabilities")
                .check(CLASSES);
    }

    @Test
    void controllers_do_not_depend_on_jooq_or_generated_tables() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", GENERATED_SCHEMA)
                .because("a controller maps HTTP, checks shape and roles and calls one service method, which runs one Db "
                        + "transaction; queries and row mapping live in repositories")
                .check(CLASSES);
    }

    static String capabilityOf(String packageName) {
        Matcher m = CAPABILITY.matcher(packageName);
        return m.matches() ? m.group(1) : null;
    }
}
