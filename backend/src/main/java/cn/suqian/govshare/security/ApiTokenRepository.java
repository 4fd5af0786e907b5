package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Role;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static cn.suqian.govshare.db.schema.Tables.API_TOKEN;

/** Ingest-token rows; only a hash of each token is stored. Called inside a {@code Db.tx}. */
@Repository
class ApiTokenRepository {

    /** Stores an ingest token, issued by the transaction's actor. */
    void insert(DSLContext dsl, UUID id, String name, String tokenHash, String organisationCode, OffsetDateTime expiresAt) {
        dsl.insertInto(API_TOKEN)
                .set(API_TOKEN.ID, id)
                .set(API_TOKEN.NAME, name)
                .set(API_TOKEN.TOKEN_HASH, tokenHash)
                .set(API_TOKEN.SCOPE, Role.INGEST)
                .set(API_TOKEN.ORGANISATION_CODE, organisationCode)
                .set(API_TOKEN.CREATED_BY, DSL.function("current_setting", String.class, DSL.inline("govshare.actor"), DSL.inline(true)))
                .set(API_TOKEN.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** Every token, newest first. */
    List<ApiTokenService.TokenView> all(DSLContext dsl) {
        return dsl.selectFrom(API_TOKEN).orderBy(API_TOKEN.CREATED_AT.desc()).fetchInto(ApiTokenService.TokenView.class);
    }

    /** Revokes a token; false when it is unknown or revoked already. */
    boolean revoke(DSLContext dsl, UUID id) {
        return dsl.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, OffsetDateTime.now())
                .where(API_TOKEN.ID.eq(id)).and(API_TOKEN.REVOKED_AT.isNull()).execute() > 0;
    }

    /**
     * Remembers that the token signed a request now; at most one write a minute per token, so a busy
     * machine client does not turn every call into an update. Not audited (see the V13 trigger).
     */
    void markUsed(DSLContext dsl, UUID id) {
        OffsetDateTime now = OffsetDateTime.now();
        dsl.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, now)
                .where(API_TOKEN.ID.eq(id))
                .and(API_TOKEN.LAST_USED_AT.isNull().or(API_TOKEN.LAST_USED_AT.lt(now.minusMinutes(1))))
                .execute();
    }

    boolean exists(DSLContext dsl, UUID id) {
        return dsl.fetchExists(API_TOKEN, API_TOKEN.ID.eq(id));
    }

    /** The machine client holding the token with this hash, if the token is neither revoked nor expired. */
    Optional<MachineClient> validClient(DSLContext dsl, String tokenHash) {
        return dsl.selectFrom(API_TOKEN)
                .where(API_TOKEN.TOKEN_HASH.eq(tokenHash))
                .and(API_TOKEN.REVOKED_AT.isNull())
                .and(API_TOKEN.EXPIRES_AT.isNull().or(API_TOKEN.EXPIRES_AT.gt(OffsetDateTime.now())))
                .fetchOptional()
                .map(t -> new MachineClient(t.getId(), t.getName(), t.getOrganisationCode()));
    }
}
