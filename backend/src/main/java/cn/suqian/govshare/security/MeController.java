package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Who am I: lets pages (and machine clients checking their token) see their identity and scope. */
@RestController
class MeController {

    private final OrganisationNames organisations;

    MeController(OrganisationNames organisations) {
        this.organisations = organisations;
    }

    public record Me(String username, String displayName, Role role, Map<String, String> organisation) {
    }

    @Operation(summary = "The caller's identity, role and organisation. Any authenticated caller, machines included.")
    @GetMapping("/api/v1/me")
    @PreAuthorize(Access.AUTHENTICATED)
    public Mono<Me> me(CurrentUser user) {
        if (user.organisationCode() == null) {
            return Mono.just(new Me(user.username(), user.displayName(), user.role(), null));
        }
        return organisations.nameOf(user.organisationCode())
                .map(name -> new Me(user.username(), user.displayName(), user.role(),
                        Map.of("code", user.organisationCode(), "name", name)));
    }
}
