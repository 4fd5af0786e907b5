package cn.suqian.govshare.organisation;

import org.jooq.DSLContext;

import java.util.Map;

/**
 * Published inside the transaction that created, changed or retired an organisation, so that what is computed from
 * it (funding eligibility verdicts: a county/district's rules) follows in the same transaction, the cause recorded.
 */
public record OrganisationChanged(DSLContext dsl, String organisationCode, String causeCode, Map<String, Object> causeParams) {
}
