package cn.suqian.govshare.facility;

import cn.suqian.govshare.db.schema.tables.records.DataRoomRecord;
import cn.suqian.govshare.record.RecordTable;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.DATA_ROOM;

/** Data-room rows. Called inside a {@code Db.tx}. */
@Repository
class DataRoomRepository extends RecordTable<DataRoom, DataRoomRecord, DataRooms.Filter> {

    DataRoomRepository() {
        super(DataRoom.class, DATA_ROOM, DATA_ROOM.CODE, DATA_ROOM.ORGANISATION_CODE, DATA_ROOM.RETIRED_AT, DATA_ROOM.CREATED_AT,
                DATA_ROOM.UPDATED_AT, DATA_ROOM.VERSION, List.of(DATA_ROOM.CODE, DATA_ROOM.NAME, DATA_ROOM.ORGANISATION_CODE, DATA_ROOM.UTILISATION_PERCENT,
                        DATA_ROOM.MIGRATION_STATUS, DATA_ROOM.MIGRATION_PLANNED_ON, DATA_ROOM.ANNUAL_OM_COST));
    }

    @Override
    protected List<Condition> conditions(DataRooms.Filter filter) {
        return List.of(filter.migrationStatus() == null ? DSL.noCondition() : DATA_ROOM.MIGRATION_STATUS.eq(filter.migrationStatus()));
    }
}
