package cn.suqian.govshare.exchange;

import org.jooq.DSLContext;

import static cn.suqian.govshare.db.schema.Tables.API_TOKEN;

/** A deliberate violation for ModularityTests: the exchange module reading the security module's table. */
public class TableTrespassFixture {
    public int tokens(DSLContext dsl) {
        return dsl.fetchCount(API_TOKEN);
    }
}
