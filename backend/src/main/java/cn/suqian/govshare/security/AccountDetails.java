package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Caller;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;

import cn.suqian.govshare.db.Actor;
import org.springframework.security.core.userdetails.User;

import java.util.List;

/** The principal of a signed-in person. */
final class AccountDetails extends User implements Actor.Source, Caller {

    private final String displayName;
    private final Role role;
    private final String organisationCode;

    AccountDetails(String username, String passwordHash, boolean enabled, String displayName, Role role,
                   String organisationCode) {
        super(username, passwordHash, enabled, true, true, true, List.of(role.authority()));
        this.displayName = displayName;
        this.role = role;
        this.organisationCode = organisationCode;
    }

    String displayName() {
        return displayName;
    }

    Role role() {
        return role;
    }

    String organisationCode() {
        return organisationCode;
    }

    @Override
    public CurrentUser currentUser() {
        return new CurrentUser(getUsername(), displayName, role, organisationCode);
    }

    @Override
    public Actor actor() {
        return new Actor(getUsername(), organisationCode);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
