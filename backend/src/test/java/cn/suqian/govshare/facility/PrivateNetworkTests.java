package cn.suqian.govshare.facility;

import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static cn.suqian.govshare.support.Facilities.aPrivateNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What makes a private business network's record acceptable, and where it stands in its migration. */
class PrivateNetworkTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    static List<FieldProblem> check(PrivateNetwork network) {
        return network.normalised().check(TODAY);
    }

    @Test
    void a_network_whose_migration_has_not_started_is_accepted() {
        assertThat(check(aPrivateNetwork().build())).isEmpty();
        assertThat(check(aPrivateNetwork().utilisation("0").measuredOn(TODAY).annualOmCost("0").build())).isEmpty();
    }

    @Test
    void a_code_is_lower_case_letters_digits_dots_and_dashes_starting_with_a_letter() {
        assertThat(check(aPrivateNetwork().code("water-2.net").build())).isEmpty();
        for (String bad : List.of("water_net", "Water.net", "9water", "w")) {
            assertThat(check(aPrivateNetwork().code(bad).build())).as(bad).extracting(FieldProblem::field, FieldProblem::value)
                    .containsExactly(tuple("code", bad));
        }
    }

    @Test
    void a_network_has_a_name_and_a_migration_status() {
        assertThat(check(aPrivateNetwork().name(null).status(null).build())).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code())
                .containsExactlyInAnyOrder(tuple("name", "required"), tuple("migrationStatus", "required"));
    }

    @Test
    void a_planned_or_running_migration_has_its_planned_date() {
        for (MigrationStatus status : List.of(MigrationStatus.PLANNED, MigrationStatus.IN_PROGRESS)) {
            assertThat(check(aPrivateNetwork().status(status).build())).as(status.name())
                    .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("migrationPlannedOn", null));
            assertThat(check(aPrivateNetwork().status(status).plannedOn(TODAY.plusMonths(3)).build())).as(status.name()).isEmpty();
        }
    }

    @Test
    void only_a_migrated_network_has_a_migration_date_and_it_is_not_in_the_future() {
        assertThat(check(aPrivateNetwork().status(MigrationStatus.MIGRATED).build()))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("migratedOn", null));
        assertThat(check(aPrivateNetwork().migrated(TODAY).build())).isEmpty();
        assertThat(check(aPrivateNetwork().migratedOn(TODAY.minusYears(1)).build()))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("migratedOn", TODAY.minusYears(1)));
        assertThat(check(aPrivateNetwork().migrated(TODAY.plusDays(1)).build()))
                .extracting(FieldProblem::field, FieldProblem::value, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("migratedOn", TODAY.plusDays(1), "notInFuture"));
    }

    @Test
    void only_a_classified_network_is_exempt_from_moving_onto_the_extranet() {
        assertThat(check(aPrivateNetwork().classified(true).status(MigrationStatus.EXEMPT).build())).isEmpty();
        assertThat(check(aPrivateNetwork().classified(false).status(MigrationStatus.EXEMPT).build()))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("migrationStatus", MigrationStatus.EXEMPT));
        assertThat(check(aPrivateNetwork().classified(null).status(MigrationStatus.EXEMPT).build()))
                .extracting(FieldProblem::field).containsExactly("migrationStatus");
    }

    @Test
    void utilisation_is_a_percentage_measured_in_the_past_and_cost_is_not_negative() {
        assertThat(check(aPrivateNetwork().utilisation("100").build())).isEmpty();
        assertThat(check(aPrivateNetwork().utilisation("100.01").measuredOn(TODAY.plusDays(1)).annualOmCost("-1").build()))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactlyInAnyOrder(
                        tuple("utilisationPercent", new BigDecimal("100.01")),
                        tuple("utilisationMeasuredOn", TODAY.plusDays(1)),
                        tuple("annualOmCost", new BigDecimal("-1.00")));
        assertThat(check(aPrivateNetwork().utilisation("-0.01").build())).extracting(FieldProblem::field)
                .containsExactly("utilisationPercent");
    }

    @Test
    void normalising_trims_text_rounds_figures_and_reads_an_unstated_classification_as_no() {
        PrivateNetwork n = aPrivateNetwork().code(" water.net ").name(" 水利业务专网 ").classified(null).utilisation("45.678")
                .annualOmCost("1200.5").build().normalised();

        assertThat(n.code()).isEqualTo("water.net");
        assertThat(n.name()).isEqualTo("水利业务专网");
        assertThat(n.classified()).isFalse();
        assertThat(n.utilisationPercent()).isEqualTo(new BigDecimal("45.68"));
        assertThat(n.annualOmCost()).isEqualTo(new BigDecimal("1200.50"));
    }
}
