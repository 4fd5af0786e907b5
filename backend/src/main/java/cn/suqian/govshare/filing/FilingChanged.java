package cn.suqian.govshare.filing;

import org.jooq.DSLContext;

/**
 * Published inside the transaction that changed a filing (created, edited, moved in its workflow, an attachment
 * added), so that what depends on it — its eligibility verdict — is recomputed in the same transaction, with
 * the cause ({@code causeCode}, said under {@code cause.<code>}) recorded.
 */
public record FilingChanged(DSLContext dsl, long filingId, int budgetYear, String causeCode, java.util.Map<String, Object> causeParams) {
}
