package cn.suqian.govshare.facility;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.DATA_ROOM;
import static cn.suqian.govshare.db.schema.Tables.PRIVATE_NETWORK;

/**
 * What the leadership overview counts of private networks and data rooms: those still left (active and not
 * migrated onto the extranet / the government cloud, or exempt), per organisation. Runs in the caller's transaction.
 */
@Service
public class FacilityFigures {

    /** One active facility: its owner and whether it is still left to migrate. */
    public record FacilityFact(String code, String organisationCode, boolean left) {
    }

    public List<FacilityFact> privateNetworks(DSLContext dsl) {
        var n = PRIVATE_NETWORK;
        return dsl.select(n.CODE, n.ORGANISATION_CODE, n.MIGRATION_STATUS).from(n).where(n.RETIRED_AT.isNull()).orderBy(n.CODE)
                .fetch(r -> new FacilityFact(r.value1(), r.value2(), left(r.value3())));
    }

    public List<FacilityFact> dataRooms(DSLContext dsl) {
        var d = DATA_ROOM;
        return dsl.select(d.CODE, d.ORGANISATION_CODE, d.MIGRATION_STATUS).from(d).where(d.RETIRED_AT.isNull()).orderBy(d.CODE)
                .fetch(r -> new FacilityFact(r.value1(), r.value2(), left(r.value3())));
    }

    private static boolean left(MigrationStatus status) {
        return status != MigrationStatus.MIGRATED && status != MigrationStatus.EXEMPT;
    }
}
