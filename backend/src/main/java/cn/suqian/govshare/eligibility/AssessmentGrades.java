package cn.suqian.govshare.eligibility;

import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Where rule R10 reads a department's yearly assessment grade (评价考核结果). Eligibility publishes this interface;
 * the assessment capability implements it as a bean once published scores exist. Until then no bean is there, the
 * grade fact is missing and R10 says "needs review" naming it — never a pass or a fail.
 */
public interface AssessmentGrades {

    /** A published grade: {@code passing} false for 不合格; {@code label} as shown (优秀, 良好, 合格, 不合格). */
    record Grade(String organisationCode, int assessmentYear, boolean passing, String label, OffsetDateTime publishedAt, String link) {
    }

    /** The published grade of {@code organisationCode} for {@code assessmentYear}, inside the caller's transaction. */
    Optional<Grade> grade(DSLContext dsl, String organisationCode, int assessmentYear);
}
