package cn.suqian.govshare.access;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The roles of GovShare. Human users hold exactly one; machine clients hold {@link #INGEST}. */
public enum Role {
    /** 领导小组: reads everything. */
    LEADER,
    /** 财政局: reads filings, eligibility and assessments; records funding decisions. */
    FINANCE,
    /** A department or county/district: sees and changes only its own organisation's data. */
    DEPARTMENT,
    /** 电子政务办: administers everything. */
    EGOV_ADMIN,
    /** 审计局: reads everything including the audit trail; changes nothing. */
    AUDITOR,
    /** Machine client (exchange platform, probes): may only push data through ingest endpoints. */
    INGEST;

    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }

    public boolean human() {
        return this != INGEST;
    }
}
