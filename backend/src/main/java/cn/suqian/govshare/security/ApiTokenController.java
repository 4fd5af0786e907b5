package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Access;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Ingest tokens for machine clients, issued and revoked by the e-government office. */
@RestController
@RequestMapping("/api/v1/tokens")
class ApiTokenController {

    private final ApiTokenService tokens;

    ApiTokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    public record TokenRequest(String name, String organisationCode, OffsetDateTime expiresAt) {
    }

    @Operation(summary = "Issue an ingest token; the token is in this response only. EGOV_ADMIN only.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<ApiTokenService.IssuedToken> issue(@RequestBody TokenRequest request) {
        return tokens.issue(request.name(), request.organisationCode(), request.expiresAt());
    }

    @Operation(summary = "List ingest tokens (never the token values). EGOV_ADMIN only.")
    @GetMapping
    @PreAuthorize(Access.ADMIN)
    public Mono<List<ApiTokenService.TokenView>> list() {
        return tokens.list();
    }

    @Operation(summary = "Revoke an ingest token; it stays listed. EGOV_ADMIN only.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Access.ADMIN)
    public Mono<Void> revoke(@PathVariable UUID id) {
        return tokens.revoke(id);
    }
}
