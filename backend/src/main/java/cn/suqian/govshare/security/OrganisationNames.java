package cn.suqian.govshare.security;

import cn.suqian.govshare.db.Db;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import static cn.suqian.govshare.db.schema.Tables.ORGANISATION;

/** Reads an organisation's display name for identity responses (security must not depend on registry). */
@Component
class OrganisationNames {

    private final Db db;

    OrganisationNames(Db db) {
        this.db = db;
    }

    Mono<String> nameOf(String code) {
        return db.tx(dsl -> dsl.select(ORGANISATION.NAME).from(ORGANISATION).where(ORGANISATION.CODE.eq(code))
                .fetchOptional(ORGANISATION.NAME).orElse(code));
    }
}
