package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.organisation.Organisations;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
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

import static cn.suqian.govshare.db.schema.Tables.API_TOKEN;

/**
 * API tokens for machine clients (the exchange platform, probes). Only a SHA-256 of each token is
 * stored; the token is returned once, when issued. Revoked tokens stay listed (never deleted).
 */
@Service
public class ApiTokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Db db;
    private final Organisations organisations;

    ApiTokenService(Db db, Organisations organisations) {
        this.organisations = organisations;
        this.db = db;
    }

    public record IssuedToken(UUID id, String name, String token, String organisationCode, OffsetDateTime expiresAt) {
    }

    public record TokenView(UUID id, String name, Role scope, String organisationCode, String createdBy,
                            OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt) {
    }

    public Mono<IssuedToken> issue(String name, String organisationCode, OffsetDateTime expiresAt) {
        if (name == null || name.isBlank() || name.length() > 100) {
            return Mono.error(new InvalidInputException("name", name, "required, at most 100 characters"));
        }
        if (expiresAt != null && expiresAt.isBefore(OffsetDateTime.now())) {
            return Mono.error(new InvalidInputException("expiresAt", expiresAt, "must be in the future"));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "gs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        return db.tx(dsl -> {
            if (organisationCode != null && !organisations.exists(dsl, organisationCode)) {
                throw new InvalidInputException("organisationCode", organisationCode, "unknown organisation code");
            }
            dsl.insertInto(API_TOKEN)
                    .set(API_TOKEN.ID, id)
                    .set(API_TOKEN.NAME, name)
                    .set(API_TOKEN.TOKEN_HASH, sha256(token))
                    .set(API_TOKEN.SCOPE, Role.INGEST)
                    .set(API_TOKEN.ORGANISATION_CODE, organisationCode)
                    .set(API_TOKEN.CREATED_BY, currentActorName(dsl))
                    .set(API_TOKEN.EXPIRES_AT, expiresAt)
                    .execute();
            return new IssuedToken(id, name, token, organisationCode, expiresAt);
        });
    }

    public Mono<List<TokenView>> list() {
        return db.tx(dsl -> dsl.selectFrom(API_TOKEN).orderBy(API_TOKEN.CREATED_AT.desc()).fetchInto(TokenView.class));
    }

    public Mono<Void> revoke(UUID id) {
        return db.tx(dsl -> {
            int n = dsl.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, OffsetDateTime.now())
                    .where(API_TOKEN.ID.eq(id)).and(API_TOKEN.REVOKED_AT.isNull()).execute();
            if (n == 0 && !dsl.fetchExists(API_TOKEN, API_TOKEN.ID.eq(id))) {
                throw new NotFoundException("token", id);
            }
            return n;
        }).then();
    }

    /** Checks a bearer token: unknown, expired or revoked tokens fail with BadCredentialsException. */
    public Mono<Authentication> authenticate(Authentication authentication) {
        String token = (String) authentication.getCredentials();
        String hash = sha256(token);
        return db.tx(Actor.system("token-check"), dsl -> dsl.selectFrom(API_TOKEN)
                        .where(API_TOKEN.TOKEN_HASH.eq(hash))
                        .and(API_TOKEN.REVOKED_AT.isNull())
                        .and(API_TOKEN.EXPIRES_AT.isNull().or(API_TOKEN.EXPIRES_AT.gt(OffsetDateTime.now())))
                        .fetchOptional())
                .flatMap(Mono::justOrEmpty)
                .map(t -> (Authentication) ApiTokenAuthentication.of(new MachineClient(t.getId(), t.getName(), t.getOrganisationCode())))
                .switchIfEmpty(Mono.error(new BadCredentialsException("Unknown, expired or revoked API token")));
    }

    private static String currentActorName(org.jooq.DSLContext dsl) {
        return dsl.fetchValue(org.jooq.impl.DSL.field("current_setting('govshare.actor', true)", String.class));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
