package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Role;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static cn.suqian.govshare.db.schema.Tables.APP_USER;

/** User-account rows. Called inside a {@code Db.tx}. */
@Repository
class AccountRepository {

    /** The account as sign-in needs it, password hash included. */
    Optional<AccountDetails> details(DSLContext dsl, String username) {
        return dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional()
                .map(u -> new AccountDetails(u.getUsername(), u.getPasswordHash(), u.getEnabled(), u.getDisplayName(), u.getRole(),
                        u.getOrganisationCode()));
    }

    /** Every account, by user name. */
    List<AccountService.AccountView> all(DSLContext dsl) {
        return dsl.selectFrom(APP_USER).orderBy(APP_USER.USERNAME).fetchInto(AccountService.AccountView.class);
    }

    Optional<AccountService.AccountView> view(DSLContext dsl, String username) {
        return dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptionalInto(AccountService.AccountView.class);
    }

    /** The stored password hash, to check a password its owner types before changing it. */
    Optional<String> passwordHash(DSLContext dsl, String username) {
        return dsl.select(APP_USER.PASSWORD_HASH).from(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional(APP_USER.PASSWORD_HASH);
    }

    boolean exists(DSLContext dsl, String username) {
        return dsl.fetchExists(APP_USER, APP_USER.USERNAME.eq(username));
    }

    boolean anyWithRole(DSLContext dsl, Role role) {
        return dsl.fetchExists(APP_USER, APP_USER.ROLE.eq(role));
    }

    void insert(DSLContext dsl, AccountService.NewAccount account, String passwordHash, boolean passwordChangeRequired) {
        dsl.insertInto(APP_USER)
                .set(APP_USER.USERNAME, account.username())
                .set(APP_USER.DISPLAY_NAME, account.displayName())
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.ROLE, account.role())
                .set(APP_USER.ORGANISATION_CODE, account.organisationCode())
                .set(APP_USER.PASSWORD_CHANGE_REQUIRED, passwordChangeRequired)
                .execute();
    }

    /** False when there is no such account. */
    boolean setEnabled(DSLContext dsl, String username, boolean enabled) {
        return dsl.update(APP_USER).set(APP_USER.ENABLED, enabled).set(APP_USER.UPDATED_AT, OffsetDateTime.now())
                .where(APP_USER.USERNAME.eq(username)).execute() > 0;
    }

    /**
     * Stores a new password hash; {@code changeRequired} when someone else (the office) chose it, so that its
     * owner is asked for their own at the next sign-in. False when there is no such account.
     */
    boolean setPasswordHash(DSLContext dsl, String username, String passwordHash, boolean changeRequired) {
        return dsl.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.PASSWORD_CHANGE_REQUIRED, changeRequired)
                .set(APP_USER.UPDATED_AT, OffsetDateTime.now())
                .where(APP_USER.USERNAME.eq(username)).execute() > 0;
    }

    boolean passwordChangeRequired(DSLContext dsl, String username) {
        return dsl.fetchExists(APP_USER, APP_USER.USERNAME.eq(username), APP_USER.PASSWORD_CHANGE_REQUIRED.isTrue());
    }
}
