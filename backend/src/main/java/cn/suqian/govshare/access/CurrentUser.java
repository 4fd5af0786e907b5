package cn.suqian.govshare.access;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.web.AccessRefusedException;
import cn.suqian.govshare.web.ResponseCode;
import org.springframework.security.core.Authentication;

import java.util.Optional;

/**
 * The caller of a request, as capabilities need it: name, role and organisation. Declare a parameter of
 * this type on a handler method to receive it. Organisation scope rules live here and nowhere else.
 */
public record CurrentUser(String username, String displayName, Role role, String organisationCode) {

    public static CurrentUser from(Authentication authentication) {
        if (authentication.getPrincipal() instanceof Caller caller) {
            return caller.currentUser();
        }
        throw new IllegalStateException("Unknown principal type " + authentication.getPrincipal().getClass().getName());
    }

    /** May this caller see data owned by {@code organisation}? */
    public boolean mayRead(String organisation) {
        return switch (role) {
            case LEADER, FINANCE, EGOV_ADMIN, AUDITOR -> true;
            case DEPARTMENT -> organisationCode.equals(organisation);
            case INGEST -> false;
        };
    }

    /** May this caller change data owned by {@code organisation}? */
    public boolean mayChange(String organisation) {
        return role == Role.EGOV_ADMIN || (role == Role.DEPARTMENT && organisationCode.equals(organisation));
    }

    public void requireRead(String organisation) {
        if (!mayRead(organisation)) {
            throw new AccessRefusedException(ResponseCode.READ_REFUSED, username, organisation);
        }
    }

    public void requireChange(String organisation) {
        if (!mayChange(organisation)) {
            throw new AccessRefusedException(ResponseCode.CHANGE_REFUSED, username, organisation);
        }
    }

    /** The only organisation whose data this caller may list, or empty when it may list all. */
    public Optional<String> organisationScope() {
        return role == Role.DEPARTMENT || role == Role.INGEST ? Optional.of(organisationCode == null ? "" : organisationCode) : Optional.empty();
    }

    public Actor actor() {
        return new Actor(username, organisationCode);
    }
}
