package cn.suqian.govshare.filing;

import cn.suqian.govshare.inventory.InformationSystem;
import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A filing's amounts by funding source and its planned systems are rows; a refusal names the row and the column. */
class FilingRulesTests {

    static Filing.Input input(List<Filing.FundingSource> sources, List<Filing.PlannedSystem> planned) {
        return new Filing.Input("water", 2027, Filing.ProjectType.NEW_BUILD, "水文站点监测平台新建", new BigDecimal("100"), new BigDecimal("50"),
                sources, List.of(), planned, InformationSystem.Deployment.GOV_CLOUD, null, Filing.Network.EGOV_EXTRANET, null,
                Filing.DataRoomWork.NONE, false, List.of(), List.of(), "接入", 2, "目标", null);
    }

    @Test
    void a_refused_row_is_named_by_its_list_index_and_column() {
        List<FieldProblem> p = FilingRules.shape(input(List.of(
                new Filing.FundingSource("财政预算", new BigDecimal("100"), BigDecimal.ZERO),
                new Filing.FundingSource(" ", BigDecimal.ZERO, new BigDecimal("-5"))),
                List.of(new Filing.PlannedSystem("监测平台", null), new Filing.PlannedSystem("", "用途"))));
        assertThat(p).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("fundingSources[1].source", "fundingSources[1].om", "plannedSystems[1].name");
    }

    @Test
    void several_sources_must_add_up_to_the_amounts_before_submission() {
        Filing.Input in = input(List.of(new Filing.FundingSource("财政预算", new BigDecimal("60"), new BigDecimal("50")),
                new Filing.FundingSource("自筹", new BigDecimal("40"), BigDecimal.ZERO)), List.of(new Filing.PlannedSystem("监测平台", "汇集")));
        assertThat(FilingRules.shape(in)).isEmpty();
        Filing f = new Filing(1L, "water", 2027, in.projectType(), in.name(), in.constructionAmount(), in.omAmount(), in.fundingSources(),
                in.systemCodes(), in.plannedSystems(), in.deployment(), null, in.network(), null, in.dataRoomWork(), false, List.of(),
                List.of(), in.connectionPlan(), in.protectionLevel(), in.performanceTargets(), FilingStatus.DRAFT, null, false, "dept-water",
                null, null, 1L, List.of(), List.of());
        assertThat(FilingRules.missing(f, Set.of(Filing.AttachmentKind.FEASIBILITY_STUDY))).extracting(FieldProblem::field)
                .doesNotContain("fundingSources");
        Filing unbalanced = new Filing(1L, "water", 2027, in.projectType(), in.name(), new BigDecimal("120"), in.omAmount(), in.fundingSources(),
                in.systemCodes(), in.plannedSystems(), in.deployment(), null, in.network(), null, in.dataRoomWork(), false, List.of(),
                List.of(), in.connectionPlan(), in.protectionLevel(), in.performanceTargets(), FilingStatus.DRAFT, null, false, "dept-water",
                null, null, 1L, List.of(), List.of());
        assertThat(FilingRules.missing(unbalanced, Set.of(Filing.AttachmentKind.FEASIBILITY_STUDY))).extracting(FieldProblem::field)
                .contains("fundingSources");
    }
}
