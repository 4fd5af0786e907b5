package cn.suqian.govshare.facility;

import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static cn.suqian.govshare.support.Facilities.aDataRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What makes a data room's record acceptable; the migration rules are those of private networks. */
class DataRoomTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void a_room_migrated_onto_the_government_cloud_is_accepted() {
        assertThat(aDataRoom().migrated(LocalDate.of(2023, 1, 1)).area("120").utilisation("88").build().normalised().check(TODAY)).isEmpty();
    }

    @Test
    void a_room_follows_the_migration_rules_and_has_a_code_and_a_name() {
        assertThat(aDataRoom().code("Water.Room").name(null).planned(null).utilisation("101").build().normalised().check(TODAY))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactlyInAnyOrder(
                        tuple("code", "Water.Room"), tuple("name", null), tuple("migrationPlannedOn", null),
                        tuple("utilisationPercent", new BigDecimal("101.00")));
    }

    @Test
    void a_room_may_be_exempt_and_its_area_is_not_negative() {
        assertThat(aDataRoom().status(MigrationStatus.EXEMPT).build().normalised().check(TODAY)).isEmpty();
        assertThat(aDataRoom().area("-0.1").build().normalised().check(TODAY)).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("areaSquareMetres", new BigDecimal("-0.1")));
    }

    @Test
    void normalising_rounds_the_area_to_a_tenth_and_money_to_the_cent() {
        DataRoom r = aDataRoom().area("120.46").utilisation("33.333").annualOmCost("99.999").location("  ").build().normalised();

        assertThat(r.areaSquareMetres()).isEqualTo(new BigDecimal("120.5"));
        assertThat(r.utilisationPercent()).isEqualTo(new BigDecimal("33.33"));
        assertThat(r.annualOmCost()).isEqualTo(new BigDecimal("100.00"));
        assertThat(r.location()).isNull();
    }
}
