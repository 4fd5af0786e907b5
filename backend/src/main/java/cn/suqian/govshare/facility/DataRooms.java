package cn.suqian.govshare.facility;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.record.OwnedRecords;
import cn.suqian.govshare.record.RecordFilter;
import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.record.References;
import org.springframework.stereotype.Service;

/** Departments' own data rooms: scoped lists, reads, validated changes and retirement; one transaction a call. */
@Service
public class DataRooms extends OwnedRecords<DataRoom, DataRooms.Filter> {

    /** List filters; {@code organisation} is forced to the caller's own for departments. */
    public record Filter(String organisation, MigrationStatus migrationStatus, boolean includeRetired) implements RecordFilter<Filter> {

        @Override
        public Filter withOrganisation(String organisation) {
            return new Filter(organisation, migrationStatus, includeRetired);
        }
    }

    DataRooms(Db db, References.Sources references, RecordHistory history, DataRoomRepository repository) {
        super(db, references, history, repository, "data room");
    }
}
