package cn.suqian.govshare.inventory;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;
import cn.suqian.govshare.record.References;
import cn.suqian.govshare.support.InformationSystems;
import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static cn.suqian.govshare.record.TestReferences.registry;
import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What makes an inventory record acceptable, alone and against the registry. */
class InformationSystemRulesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    static List<FieldProblem> check(InformationSystems.Builder system) {
        return InformationSystemRules.check(system.build().normalised(), TODAY);
    }

    static List<FieldProblem> checkReferences(InformationSystems.Builder system, References references) {
        return InformationSystemRules.checkReferences(system.build().normalised(), references);
    }

    @Test
    void a_complete_system_on_the_government_cloud_is_accepted() {
        assertThat(check(aSystem())).isEmpty();
        assertThat(check(aSystem().inOwnDataRoom("water.room").onPrivateNetwork("water.net", TODAY.plusYears(1))
                .connectedOn(TODAY).statusSince(TODAY).protectionLevel(3).protectionAssessedOn(TODAY).annualOmCost("0")
                .aliases("CN/GOV/SQ-WATER/s01"))).isEmpty();
    }

    @Test
    void a_code_is_lower_case_letters_digits_and_separators_starting_with_a_letter() {
        assertThat(check(aSystem().code("water.s_01-b"))).isEmpty();
        assertThat(check(aSystem().code("w" + "x".repeat(63)))).isEmpty();
        for (String bad : List.of("Water.s01", "1water", "w", "water s01", "w" + "x".repeat(64))) {
            assertThat(check(aSystem().code(bad))).as(bad).extracting(FieldProblem::field, FieldProblem::value)
                    .containsExactly(tuple("code", bad));
        }
        assertThat(check(aSystem().code(null))).extracting(FieldProblem::field).containsExactly("code");
    }

    @Test
    void every_missing_required_field_is_named() {
        List<FieldProblem> problems = check(aSystem().organisation(null).name("  ").funding(null).status(null).deployment(null)
                .network(null).mustConnect(null));

        assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder("organisationCode", "name", "fundingType",
                "lifecycleStatus", "deployment", "network", "mustConnect");
        assertThat(problems).extracting(p -> p.code().code()).containsOnly("required");
    }

    @Test
    void a_name_is_at_most_200_characters() {
        assertThat(check(aSystem().name("系".repeat(200)))).isEmpty();
        assertThat(check(aSystem().name("系".repeat(201)))).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("name", "maxLength"));
    }

    @Test
    void a_system_in_its_own_data_room_names_the_room_and_no_other_system_does() {
        assertThat(check(aSystem().deployment(Deployment.OWN_DATA_ROOM))).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("dataRoomCode", "dataRoomRequired"));
        assertThat(check(aSystem().inOwnDataRoom("water.room"))).isEmpty();
        assertThat(check(aSystem().deployment(Deployment.GOV_CLOUD).dataRoom("water.room")))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("dataRoomCode", "water.room"));
    }

    @Test
    void a_system_on_a_private_network_names_it_and_when_it_moves_to_the_extranet() {
        assertThat(check(aSystem().network(NetworkType.PRIVATE_NETWORK))).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code())
                .containsExactlyInAnyOrder(tuple("privateNetworkCode", "privateNetworkRequired"),
                        tuple("migrationPlannedOn", "migrationPlanRequired"));
        assertThat(check(aSystem().onPrivateNetwork("water.net", LocalDate.of(2027, 6, 30)))).isEmpty();
        assertThat(check(aSystem().network(NetworkType.INTERNET).privateNetwork("water.net")))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("privateNetworkCode", "water.net"));
    }

    @Test
    void dates_that_happened_cannot_be_in_the_future_but_today_is_fine() {
        LocalDate tomorrow = TODAY.plusDays(1);

        assertThat(check(aSystem().connectedOn(tomorrow).statusSince(tomorrow).protectionLevel(3).protectionAssessedOn(tomorrow)))
                .extracting(FieldProblem::field, FieldProblem::value, (FieldProblem fp) -> fp.code().code()).containsExactlyInAnyOrder(
                        tuple("platformConnectedOn", tomorrow, "notInFuture"),
                        tuple("statusSince", tomorrow, "notInFuture"),
                        tuple("protectionAssessedOn", tomorrow, "notInFuture"));
        assertThat(check(aSystem().connectedOn(TODAY).statusSince(TODAY).protectionLevel(3).protectionAssessedOn(TODAY))).isEmpty();
    }

    @Test
    void the_protection_level_is_1_to_5_and_an_assessment_needs_one() {
        assertThat(check(aSystem().protectionLevel(1))).isEmpty();
        assertThat(check(aSystem().protectionLevel(5))).isEmpty();
        assertThat(check(aSystem().protectionLevel(0))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("protectionLevel", 0));
        assertThat(check(aSystem().protectionLevel(6))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("protectionLevel", 6));
        assertThat(check(aSystem().protectionAssessedOn(TODAY))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("protectionAssessedOn", TODAY));
    }

    @Test
    void the_annual_cost_is_neither_negative_nor_beyond_a_trillion() {
        assertThat(check(aSystem().annualOmCost("999999999999"))).isEmpty();
        assertThat(check(aSystem().annualOmCost("-0.01"))).extracting(FieldProblem::field, FieldProblem::value, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("annualOmCost", new BigDecimal("-0.01"), "notNegative"));
        assertThat(check(aSystem().annualOmCost("1000000000000"))).extracting(FieldProblem::field).containsExactly("annualOmCost");
    }

    @Test
    void each_exchange_alias_is_at_most_200_characters() {
        String tooLong = "CN/GOV/" + "x".repeat(194);

        assertThat(check(aSystem().aliases("CN/GOV/" + "x".repeat(193)))).isEmpty();
        assertThat(check(aSystem().aliases("CN/GOV/ok", tooLong))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("exchangeAliases", tooLong));
    }

    @Test
    void normalising_trims_text_drops_blank_and_repeated_aliases_and_rounds_money_to_the_cent() {
        InformationSystem s = aSystem().code(" water.s01 ").name(" 防汛系统 ").purpose("   ").aliases(" CN/A ", "CN/A", " ", "CN/B")
                .annualOmCost("12.345").containsSecrets(null).build().normalised();

        assertThat(s.code()).isEqualTo("water.s01");
        assertThat(s.name()).isEqualTo("防汛系统");
        assertThat(s.purpose()).isNull();
        assertThat(s.exchangeAliases()).containsExactly("CN/A", "CN/B");
        assertThat(s.annualOmCost()).isEqualTo(new BigDecimal("12.35"));
        assertThat(s.containsSecrets()).isFalse();
    }

    @Test
    void the_same_content_ignores_formatting_but_not_a_change() {
        InformationSystem stored = aSystem().annualOmCost("100").aliases("CN/A").build();

        assertThat(stored.sameContentAs(aSystem().name(" 防汛防旱指挥系统 ").annualOmCost("100.00").aliases("CN/A", "CN/A").build())).isTrue();
        assertThat(stored.sameContentAs(aSystem().annualOmCost("100.01").aliases("CN/A").build())).isFalse();
        assertThat(stored.sameContentAs(null)).isFalse();
    }

    @Test
    void owners_networks_and_rooms_must_exist_and_belong_to_the_systems_organisation() {
        References references = registry().organisations("water", "finance")
                .privateNetwork("water.net", "water").privateNetwork("finance.net", "finance")
                .dataRoom("water.room", "water").dataRoom("finance.room", "finance").open();

        assertThat(checkReferences(aSystem().inOwnDataRoom("water.room").onPrivateNetwork("water.net", TODAY), references)).isEmpty();
        assertThat(checkReferences(aSystem().organisation("ghost-bureau"), references))
                .extracting(FieldProblem::field, FieldProblem::value, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("organisationCode", "ghost-bureau", "unknownOrganisation"));
        List<FieldProblem> foreign = checkReferences(aSystem().inOwnDataRoom("finance.room").onPrivateNetwork("finance.net", TODAY), references);
        assertThat(foreign).extracting(FieldProblem::field, FieldProblem::value, (FieldProblem fp) -> fp.code().code()).containsExactlyInAnyOrder(
                tuple("privateNetworkCode", "finance.net", "belongsTo"), tuple("dataRoomCode", "finance.room", "belongsTo"));
        assertThat(foreign).allSatisfy(p -> assertThat(p.params()).containsEntry("organisation", "finance"));
        assertThat(checkReferences(aSystem().inOwnDataRoom("no.room").onPrivateNetwork("no.net", TODAY), references))
                .extracting(FieldProblem::field, FieldProblem::value)
                .containsExactlyInAnyOrder(tuple("privateNetworkCode", "no.net"), tuple("dataRoomCode", "no.room"));
    }

    @Test
    void an_exchange_alias_identifies_one_system_only() {
        References references = registry().organisations("water").alias("CN/GOV/SQ-WATER/s01", "water.s01")
                .alias("CN/GOV/SQ-WATER/s02", "water.s02").open();

        assertThat(checkReferences(aSystem().code("water.s01").aliases("CN/GOV/SQ-WATER/s01", "CN/GOV/SQ-WATER/new"), references)).isEmpty();
        assertThat(checkReferences(aSystem().code("water.s01").aliases("CN/GOV/SQ-WATER/s02"), references))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("exchangeAliases", "CN/GOV/SQ-WATER/s02"));
    }
}
