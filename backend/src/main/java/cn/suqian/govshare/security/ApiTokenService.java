package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.organisation.Organisations;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * API tokens for machine clients (the exchange platform, probes). Only a SHA-256 of each token is
 * stored; the token is returned once, when issued. Revoked tokens stay listed (never deleted).
 */
@Service
public class ApiTokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Db db;
    private final ApiTokenRepository tokens;
    private final Organisations organisations;

    ApiTokenService(Db db, ApiTokenRepository tokens, Organisations organisations) {
        this.organisations = organisations;
        this.db = db;
        this.tokens = tokens;
    }

    public record IssuedToken(UUID id, String name, String token, String organisationCode, OffsetDateTime expiresAt) {
    }

    /** lastUsedAt: the last request the token signed, to the minute (recorded at most once a minute). */
    public record TokenView(UUID id, String name, Role scope, String organisationCode, String createdBy,
                            OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {
    }

    public Mono<IssuedToken> issue(String name, String organisationCode, OffsetDateTime expiresAt) {
        if (name == null || name.isBlank()) {
            return Mono.error(new InvalidInputException(FieldProblem.required("name", name)));
        }
        if (name.length() > 100) {
            return Mono.error(new InvalidInputException(FieldProblem.maxLength("name", name, 100)));
        }
        if (expiresAt != null && expiresAt.isBefore(OffsetDateTime.now())) {
            return Mono.error(new InvalidInputException(FieldProblem.of("expiresAt", expiresAt, ProblemCode.IN_FUTURE)));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "gs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        return db.tx(dsl -> {
            if (organisationCode != null && !organisations.exists(dsl, organisationCode)) {
                throw new InvalidInputException(FieldProblem.unknownOrganisation("organisationCode", organisationCode));
            }
            tokens.insert(dsl, id, name, sha256(token), organisationCode, expiresAt);
            return new IssuedToken(id, name, token, organisationCode, expiresAt);
        });
    }

    public Mono<List<TokenView>> list() {
        return db.tx(tokens::all);
    }

    public Mono<Void> revoke(UUID id) {
        return db.tx(dsl -> {
            boolean revoked = tokens.revoke(dsl, id);
            if (!revoked && !tokens.exists(dsl, id)) {
                throw new NotFoundException("token", id);
            }
            return revoked;
        }).then();
    }

    /** Checks a bearer token: unknown, expired or revoked tokens fail with BadCredentialsException. */
    public Mono<Authentication> authenticate(Authentication authentication) {
        String token = (String) authentication.getCredentials();
        String hash = sha256(token);
        return db.tx(Actor.system("token-check"), dsl -> {
                    var client = tokens.validClient(dsl, hash);
                    client.ifPresent(c -> tokens.markUsed(dsl, c.tokenId()));
                    return client;
                })
                .flatMap(Mono::justOrEmpty)
                .map(client -> (Authentication) ApiTokenAuthentication.of(client))
                .switchIfEmpty(Mono.error(new BadCredentialsException("Unknown, expired or revoked API token")));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
