package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.catalogue.CatalogueResource.DataType;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;
import cn.suqian.govshare.record.References;
import cn.suqian.govshare.support.CatalogueResources;
import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cn.suqian.govshare.record.TestReferences.registry;
import static cn.suqian.govshare.support.CatalogueResources.aResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What makes a catalogue entry acceptable under the national compilation guide and the plan. */
class CatalogueRulesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    static List<FieldProblem> check(CatalogueResources.Builder resource) {
        return CatalogueRules.check(resource.build().normalised(), TODAY);
    }

    @Test
    void a_complete_unconditionally_shared_resource_is_accepted() {
        assertThat(check(aResource())).isEmpty();
        assertThat(check(aResource().item("站点编码", DataType.STRING).item("水位", DataType.NUMBER).releasedOn(TODAY)
                .mountedOn(TODAY).related("301001/000002"))).isEmpty();
    }

    @Test
    void a_resource_code_is_class_item_entry_optional_detail_and_sequence() {
        for (String good : List.of("101001/0001", "301001/000001", "3010011234/000001", "301001123456789/123456789")) {
            assertThat(check(aResource().code(good).category(Integer.parseInt(good.substring(0, 1))))).as(good).isEmpty();
        }
        for (String bad : List.of("401001/000001", "01001/000001", "30101/000001", "301001/123", "301001/1234567890", "301001-000001",
                "3010011234567890/000001")) {
            assertThat(check(aResource().code(bad))).as(bad).extracting(FieldProblem::field, FieldProblem::value)
                    .contains(tuple("code", bad));
        }
    }

    @Test
    void the_category_is_1_to_3_and_matches_the_codes_first_digit() {
        assertThat(check(aResource().code("101001/000001").category(3))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("category", 3));
        assertThat(check(aResource().category(null))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("category", null));
        assertThat(check(aResource().code("401001/000001").category(4))).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("code", "category");
    }

    @Test
    void every_missing_required_field_is_named() {
        List<FieldProblem> problems = check(aResource().name(null).provider(" ").format(null).sharing(null).open(null).updated(null));

        assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder("name", "providerOrganisationCode", "format",
                "sharingType", "openAttribute", "updateCycle");
        assertThat(problems).extracting(p -> p.code().code()).containsOnly("required");
    }

    @Test
    void a_name_is_at_most_200_characters() {
        assertThat(check(aResource().name("资".repeat(201)))).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("name", "maxLength"));
    }

    @Test
    void a_conditionally_shared_resource_states_its_condition() {
        assertThat(check(aResource().sharing(SharingType.CONDITIONAL))).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("sharingCondition", "conditionRequired"));
        assertThat(check(aResource().sharedOnCondition("仅限防汛业务使用"))).isEmpty();
    }

    @Test
    void a_resource_that_is_not_shared_cites_its_legal_basis_and_needs_no_sharing_method() {
        assertThat(check(aResource().sharing(SharingType.NOT_SHARED).method(null))).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("notSharedBasis", "legalBasisRequired"));
        assertThat(check(aResource().sharing(SharingType.NOT_SHARED).method(null).notSharedBasis("《个人信息保护法》第十三条"))).isEmpty();
    }

    @Test
    void a_shared_resource_says_how_it_is_shared() {
        assertThat(check(aResource().method(null))).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("sharingMethod", null));
    }

    @Test
    void a_mounted_resource_has_its_date_and_is_shared() {
        assertThat(check(aResource().mounted(true))).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("mountedSince", "mountedSinceRequired"));
        assertThat(check(aResource().sharing(SharingType.NOT_SHARED).method(null).notSharedBasis("法").mountedOn(TODAY)))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("mounted", true));
    }

    @Test
    void mounting_and_release_dates_cannot_be_in_the_future() {
        LocalDate tomorrow = TODAY.plusDays(1);

        assertThat(check(aResource().mountedOn(tomorrow).releasedOn(tomorrow)))
                .extracting(FieldProblem::field, FieldProblem::value, (FieldProblem fp) -> fp.code().code())
                .containsExactlyInAnyOrder(tuple("mountedSince", tomorrow, "notInFuture"), tuple("releasedOn", tomorrow, "notInFuture"));
    }

    @Test
    void every_information_item_has_a_name_of_its_own_and_a_data_type() {
        List<FieldProblem> problems = check(aResource().item("站点编码", DataType.STRING).item("站点编码", DataType.STRING)
                .item("水位", null).item(null, DataType.NUMBER));

        assertThat(problems).extracting(FieldProblem::field).containsOnly("items");
        assertThat(problems).extracting(FieldProblem::value).contains("站点编码", "水位");
        assertThat(problems).hasSize(3);
    }

    @Test
    void related_codes_are_resource_codes_other_than_its_own() {
        assertThat(check(aResource().code("301001/000001").related("301001/000002", "not-a-code", "301001/000001")))
                .extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("relatedCodes", "not-a-code"), tuple("relatedCodes", "301001/000001"));
    }

    @Test
    void normalising_trims_text_and_drops_repeated_related_codes() {
        CatalogueResource r = aResource().name(" 水利工程 ").related(" 301001/000002 ", "301001/000002", "").condition("  ")
                .mounted(null).build().normalised();

        assertThat(r.name()).isEqualTo("水利工程");
        assertThat(r.relatedCodes()).containsExactly("301001/000002");
        assertThat(r.sharingCondition()).isNull();
        assertThat(r.mounted()).isFalse();
        assertThat(r.sameContentAs(aResource().name("水利工程").related("301001/000002").build())).isTrue();
    }

    @Test
    void the_provider_exists_and_the_source_system_is_its_own() {
        References references = registry().organisations("water", "finance").system("water.s01", "water")
                .system("finance.s01", "finance").open();

        assertThat(CatalogueRules.checkReferences(aResource().sourceSystem("water.s01").build(), references)).isEmpty();
        assertThat(CatalogueRules.checkReferences(aResource().provider("ghost-bureau").build(), references))
                .extracting(FieldProblem::field, FieldProblem::value, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("providerOrganisationCode", "ghost-bureau", "unknownOrganisation"));
        assertThat(CatalogueRules.checkReferences(aResource().sourceSystem("finance.s01").build(), references))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("sourceSystemCode", "finance.s01"));
        assertThat(CatalogueRules.checkReferences(aResource().sourceSystem("water.retired").build(), references))
                .extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("sourceSystemCode", "water.retired"));
    }
}
