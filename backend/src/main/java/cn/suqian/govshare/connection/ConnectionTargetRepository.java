package cn.suqian.govshare.connection;

import cn.suqian.govshare.db.schema.tables.records.ConnectionTargetRecord;
import cn.suqian.govshare.record.RecordTable;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;

/** Connection-target rows. Called inside a {@code Db.tx}. */
@Repository
class ConnectionTargetRepository extends RecordTable<ConnectionTarget, ConnectionTargetRecord, ConnectionTargets.Filter> {

    ConnectionTargetRepository() {
        super(ConnectionTarget.class, CONNECTION_TARGET, CONNECTION_TARGET.CODE, CONNECTION_TARGET.ORGANISATION_CODE,
                CONNECTION_TARGET.RETIRED_AT, CONNECTION_TARGET.CREATED_AT, CONNECTION_TARGET.UPDATED_AT, CONNECTION_TARGET.VERSION,
                List.of(CONNECTION_TARGET.CODE, CONNECTION_TARGET.NAME, CONNECTION_TARGET.SYSTEM_CODE,
                        CONNECTION_TARGET.ORGANISATION_CODE, CONNECTION_TARGET.KIND, CONNECTION_TARGET.PROBE));
    }

    @Override
    protected List<Condition> conditions(ConnectionTargets.Filter filter) {
        String system = filter.system();
        return List.of(system == null || system.isBlank() ? DSL.noCondition() : CONNECTION_TARGET.SYSTEM_CODE.eq(system),
                filter.kind() == null ? DSL.noCondition() : CONNECTION_TARGET.KIND.eq(filter.kind()));
    }

    /** The owning organisation follows the system, by trigger. */
    @Override
    protected ConnectionTargetRecord toRow(DSLContext dsl, ConnectionTarget target) {
        return row(dsl, target, CONNECTION_TARGET.ORGANISATION_CODE);
    }
}
