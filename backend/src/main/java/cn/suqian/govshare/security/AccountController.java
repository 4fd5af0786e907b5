package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Access;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/** User administration by the e-government office. */
@RestController
@RequestMapping("/api/v1/users")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    public record EnabledChange(boolean enabled) {
    }

    public record PasswordChange(String password) {
    }

    @Operation(summary = "List user accounts. EGOV_ADMIN only.")
    @GetMapping
    @PreAuthorize(Access.ADMIN)
    public Mono<List<AccountService.AccountView>> list() {
        return accounts.list();
    }

    @Operation(summary = "Create a user account bound to an organisation. Without a password one is generated and returned "
            + "in this response only (initialPassword); either way the user sets their own at the first sign-in. EGOV_ADMIN only.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<AccountService.CreatedAccount> create(@RequestBody AccountService.NewAccount account) {
        return accounts.create(account);
    }

    @Operation(summary = "Enable or disable a user account (accounts are never deleted). EGOV_ADMIN only.")
    @PutMapping("/{username}/enabled")
    @PreAuthorize(Access.ADMIN)
    public Mono<AccountService.AccountView> setEnabled(@PathVariable String username, @RequestBody EnabledChange change) {
        return accounts.setEnabled(username, change.enabled());
    }

    @Operation(summary = "Set a new password for a user account (at least 8 characters); the old one stops working at once. EGOV_ADMIN only.")
    @PutMapping("/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Access.ADMIN)
    public Mono<Void> setPassword(@PathVariable String username, @RequestBody PasswordChange change) {
        return accounts.setPassword(username, change == null ? null : change.password());
    }

    @Operation(summary = "Reset a user's password to a generated one, returned in this response only; the old one stops working "
            + "at once and the user sets their own at the next sign-in. EGOV_ADMIN only.")
    @PostMapping("/{username}/password-reset")
    @PreAuthorize(Access.ADMIN)
    public Mono<AccountService.OneTimePassword> resetPassword(@PathVariable String username) {
        return accounts.resetPassword(username);
    }
}
