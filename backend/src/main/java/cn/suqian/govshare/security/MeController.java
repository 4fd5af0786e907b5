package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Who am I: lets pages (and machine clients checking their token) see their identity and scope. */
@RestController
class MeController {

    private final OrganisationNames organisations;
    private final AccountService accounts;

    MeController(OrganisationNames organisations, AccountService accounts) {
        this.organisations = organisations;
        this.accounts = accounts;
    }

    /** passwordChangeRequired: the office chose this person's password; the pages ask for their own first. */
    public record Me(String username, String displayName, Role role, Map<String, String> organisation, boolean passwordChangeRequired) {
    }

    @Operation(summary = "The caller's identity, role and organisation. Any authenticated caller, machines included.")
    @GetMapping("/api/v1/me")
    @PreAuthorize(Access.AUTHENTICATED)
    public Mono<Me> me(CurrentUser user) {
        Mono<Boolean> changeRequired = user.role() == Role.INGEST ? Mono.just(false) : accounts.passwordChangeRequired(user.username());
        if (user.organisationCode() == null) {
            return changeRequired.map(required -> new Me(user.username(), user.displayName(), user.role(), null, required));
        }
        return organisations.nameOf(user.organisationCode()).zipWith(changeRequired)
                .map(both -> new Me(user.username(), user.displayName(), user.role(),
                        Map.of("code", user.organisationCode(), "name", both.getT1()), both.getT2()));
    }

    @Operation(summary = "Change the caller's own password: the current one, then the new one (at least 8 characters). Any signed-in person.")
    @PutMapping("/api/v1/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Access.ANY_USER)
    public Mono<Void> changePassword(CurrentUser user, @RequestBody AccountService.OwnPasswordChange change) {
        return accounts.changeOwnPassword(user.username(), change);
    }
}
