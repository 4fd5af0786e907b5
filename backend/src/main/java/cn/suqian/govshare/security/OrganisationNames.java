package cn.suqian.govshare.security;

import cn.suqian.govshare.organisation.Organisations;

import cn.suqian.govshare.db.Db;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;


/** Reads an organisation's display name for identity responses (through the organisations module's API). */
@Component
class OrganisationNames {

    private final Db db;
    private final Organisations organisations;

    OrganisationNames(Db db, Organisations organisations) {
        this.db = db;
        this.organisations = organisations;
    }

    Mono<String> nameOf(String code) {
        return db.tx(dsl -> organisations.get(dsl, code).map(o -> o.name()).orElse(code));
    }
}
