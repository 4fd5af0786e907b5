package cn.suqian.govshare.security;

import cn.suqian.govshare.organisation.Organisations;

import cn.suqian.govshare.access.Role;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.Blocking;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.DSLContext;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * User accounts: lookup for sign-in, creation and changes by the e-government office. Passwords are hashed
 * (bcrypt, deliberately slow) on {@link Blocking}, never on the event loop; any change to an account's
 * password or enabled state forgets its remembered Basic sign-ins ({@link SignInCache}) at once.
 * A password the office chose (at creation or a reset) is shown to it once and must be replaced by the
 * account's owner at the next sign-in; every change lands in the audit trail through the table's trigger.
 */
@Service
public class AccountService implements ReactiveUserDetailsService {

    /** Password policy for accounts created by people; demo accounts are exempt (documented "demo"). */
    public static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9._-]{1,63}$");
    /** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GENERATED_PASSWORD_LENGTH = 14;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Db db;
    private final Blocking blocking;
    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final Organisations organisations;
    private final SignInCache signIns;

    AccountService(Db db, Blocking blocking, AccountRepository accounts, PasswordEncoder passwordEncoder, SignInCache signIns,
                   Organisations organisations) {
        this.organisations = organisations;
        this.db = db;
        this.blocking = blocking;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.signIns = signIns;
    }

    /**
     * A new account as requested; the password is hashed before it is stored. Without a password the
     * office gets a generated one, shown once.
     */
    public record NewAccount(String username, String displayName, Role role, String organisationCode, String password) {
    }

    /** An account as shown to administrators (never the hash). */
    public record AccountView(String username, String displayName, Role role, String organisationCode, boolean enabled,
                              boolean passwordChangeRequired, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** A created account, with the generated password when the office left it to the system (else null). */
    public record CreatedAccount(AccountView account, String initialPassword) {
    }

    /** A password chosen by the system for the office to hand over; shown in this answer only. */
    public record OneTimePassword(String username, String password) {
    }

    /** A user changing their own password: the current one proves it is them. */
    public record OwnPasswordChange(String currentPassword, String newPassword) {
    }

    @Override
    public Mono<UserDetails> findByUsername(String username) {
        return db.tx(Actor.system("sign-in"), dsl -> accounts.details(dsl, username).map(UserDetails.class::cast))
                .flatMap(Mono::justOrEmpty);
    }

    public Mono<List<AccountView>> list() {
        return db.tx(accounts::all);
    }

    /**
     * Creates an account through the office's API: the password policy applies. The owner replaces the
     * password the office chose (typed or generated) at the first sign-in.
     */
    public Mono<CreatedAccount> create(NewAccount requested) {
        String generated = requested.password() == null || requested.password().isEmpty() ? generatePassword() : null;
        NewAccount account = generated == null ? requested
                : new NewAccount(requested.username(), requested.displayName(), requested.role(), requested.organisationCode(), generated);
        return blocking.call(() -> validated(account, true))
                .flatMap(hash -> db.tx(dsl -> {
                    insert(dsl, account, hash, true);
                    return new CreatedAccount(accounts.view(dsl, account.username()).orElseThrow(), generated);
                }));
    }

    /**
     * Creates an account if it does not exist yet, for start-up paths (demo users, the initial
     * administrator); blocking, run off the event loop. Returns whether it was created.
     */
    public boolean createIfAbsent(Actor actor, NewAccount account, boolean enforcePasswordPolicy) {
        if (db.inTransaction(actor, dsl -> accounts.exists(dsl, account.username()))) {
            return false; // checked first: hashing is deliberately slow
        }
        String hash = validated(account, enforcePasswordPolicy);
        return db.inTransaction(actor, dsl -> {
            if (accounts.exists(dsl, account.username())) {
                return false;
            }
            insert(dsl, account, hash, false);
            return true;
        });
    }

    public boolean anyAdministrator(Actor actor) {
        return db.inTransaction(actor, dsl -> accounts.anyWithRole(dsl, Role.EGOV_ADMIN));
    }

    /** Enables or disables an account (accounts are never deleted: the audit trail names them). */
    public Mono<AccountView> setEnabled(String username, boolean enabled) {
        return db.tx(dsl -> {
            if (!accounts.setEnabled(dsl, username, enabled)) {
                throw new NotFoundException("user", username);
            }
            return accounts.view(dsl, username).orElseThrow();
        }).doOnSuccess(changed -> signIns.invalidate(username)); // after commit: a check racing it is not remembered
    }

    /**
     * Sets a new password (the office resetting it); the old one stops working at once and the owner is
     * asked for their own at the next sign-in.
     */
    public Mono<Void> setPassword(String username, String password) {
        return blocking.call(() -> {
                    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
                        throw new InvalidInputException(List.of(FieldProblem.of("password", "(hidden)", ProblemCode.MIN_LENGTH, MIN_PASSWORD_LENGTH)));
                    }
                    return passwordEncoder.encode(password);
                })
                .flatMap(hash -> db.tx(dsl -> {
                    if (!accounts.setPasswordHash(dsl, username, hash, true)) {
                        throw new NotFoundException("user", username);
                    }
                    return true;
                }))
                .doOnSuccess(changed -> signIns.invalidate(username))
                .then();
    }

    /** Resets a password to a generated one, returned once for the office to hand over. */
    public Mono<OneTimePassword> resetPassword(String username) {
        String password = generatePassword();
        return setPassword(username, password).thenReturn(new OneTimePassword(username, password));
    }

    /**
     * A signed-in user replaces their own password: the current one must match, the new one must follow
     * the policy and differ from it. Clears the "change at next sign-in" mark.
     */
    public Mono<Void> changeOwnPassword(String username, OwnPasswordChange change) {
        return db.tx(dsl -> accounts.passwordHash(dsl, username).orElseThrow(() -> new NotFoundException("user", username)))
                .flatMap(stored -> blocking.call(() -> {
                    List<FieldProblem> problems = new ArrayList<>();
                    String current = change.currentPassword() == null ? "" : change.currentPassword();
                    String next = change.newPassword();
                    if (!passwordEncoder.matches(current, stored)) {
                        problems.add(FieldProblem.of("currentPassword", "(hidden)", ProblemCode.CURRENT_PASSWORD_WRONG));
                    }
                    if (next == null || next.length() < MIN_PASSWORD_LENGTH) {
                        problems.add(FieldProblem.of("newPassword", "(hidden)", ProblemCode.MIN_LENGTH, MIN_PASSWORD_LENGTH));
                    } else if (next.equals(current)) {
                        problems.add(FieldProblem.of("newPassword", "(hidden)", ProblemCode.SAME_PASSWORD));
                    }
                    if (!problems.isEmpty()) {
                        throw new InvalidInputException(problems);
                    }
                    return passwordEncoder.encode(next);
                }))
                .flatMap(hash -> db.tx(dsl -> accounts.setPasswordHash(dsl, username, hash, false)))
                .doOnSuccess(changed -> signIns.invalidate(username))
                .then();
    }

    /** Whether the account must replace a password the office chose before using the pages. */
    public Mono<Boolean> passwordChangeRequired(String username) {
        return db.tx(dsl -> accounts.passwordChangeRequired(dsl, username));
    }

    static String generatePassword() {
        StringBuilder b = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            b.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return b.toString();
    }

    private String validated(NewAccount a, boolean enforcePasswordPolicy) {
        List<FieldProblem> problems = new ArrayList<>();
        if (a.username() == null || !USERNAME.matcher(a.username()).matches()) {
            problems.add(FieldProblem.codeFormat("username", a.username(), 64, ". _ -"));
        }
        if (a.displayName() == null || a.displayName().isBlank()) {
            problems.add(FieldProblem.required("displayName", a.displayName()));
        }
        if (a.role() == null || !a.role().human()) {
            problems.add(FieldProblem.oneOf("role", a.role(), "LEADER, FINANCE, DEPARTMENT, EGOV_ADMIN, AUDITOR"));
        }
        if (a.organisationCode() == null || a.organisationCode().isBlank()) {
            problems.add(FieldProblem.required("organisationCode", a.organisationCode()));
        }
        if (a.password() == null || (enforcePasswordPolicy && a.password().length() < MIN_PASSWORD_LENGTH)) {
            problems.add(FieldProblem.of("password", "(hidden)", ProblemCode.MIN_LENGTH, MIN_PASSWORD_LENGTH));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return passwordEncoder.encode(a.password());
    }

    private void insert(DSLContext dsl, NewAccount a, String hash, boolean passwordChangeRequired) {
        if (!organisations.exists(dsl, a.organisationCode())) {
            throw new InvalidInputException(FieldProblem.unknownOrganisation("organisationCode", a.organisationCode()));
        }
        if (accounts.exists(dsl, a.username())) {
            throw new InvalidInputException(FieldProblem.alreadyExists("username", a.username()));
        }
        accounts.insert(dsl, a, hash, passwordChangeRequired);
    }
}
