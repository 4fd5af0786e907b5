package cn.suqian.govshare.access;

/**
 * The access expressions endpoints declare with {@code @PreAuthorize}. Organisation scope (a department
 * sees only its own organisation) is enforced in addition, through {@link CurrentUser}.
 */
public final class Access {

    /** Any signed-in person, whatever the role (data is still organisation-scoped for departments). */
    public static final String ANY_USER = "hasAnyRole('LEADER','FINANCE','DEPARTMENT','EGOV_ADMIN','AUDITOR')";
    /** The e-government office only. */
    public static final String ADMIN = "hasRole('EGOV_ADMIN')";
    /** Those who may change organisation-owned records: the office, or a department for its own. */
    public static final String EDITORS = "hasAnyRole('DEPARTMENT','EGOV_ADMIN')";
    /** The audit trail: auditors and the office. */
    public static final String AUDIT_READERS = "hasAnyRole('AUDITOR','EGOV_ADMIN')";
    /** Data pushed by machines, or back-filled by the office by hand. */
    public static final String INGEST = "hasAnyRole('INGEST','EGOV_ADMIN')";
    /** Anyone authenticated, machines included. */
    public static final String AUTHENTICATED = "isAuthenticated()";

    private Access() {
    }
}
