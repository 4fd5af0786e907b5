package cn.suqian.govshare.assessment;

import cn.suqian.govshare.eligibility.AssessmentGrades;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The final grade of a year, as eligibility rule R10 reads it (this module's implementation of eligibility's
 * {@link AssessmentGrades}): only a FINAL year's current result (after
 * challenges and corrections) counts; a draft or a year still open to challenge gives none.
 */
@Component
public class PublishedGrades implements AssessmentGrades {

    private final Assessments assessments;

    PublishedGrades(Assessments assessments) {
        this.assessments = assessments;
    }

    @Override
    public Optional<Grade> grade(DSLContext dsl, String organisationCode, int assessmentYear) {
        var year = assessments.publication(dsl, assessmentYear);
        return assessments.finalResult(dsl, organisationCode, assessmentYear)
                .filter(r -> r.score().grade() != null)
                .map(r -> new Grade(organisationCode, assessmentYear, !Boolean.FALSE.equals(passing(dsl, year.orElseThrow(), r.score().grade())),
                        r.score().grade(), year.orElseThrow().publishedAt(),
                        "/assessment-scorecard.html?year=" + assessmentYear + "&organisation=" + organisationCode));
    }

    private Boolean passing(DSLContext dsl, AssessmentYear year, String label) {
        return assessments.methodology(dsl, year.methodologyId()).flatMap(m -> m.definition().grades().stream()
                .filter(g -> g.label().equals(label)).findFirst()).map(Methodology.GradeBand::passing).orElse(null);
    }
}
