package cn.suqian.govshare.facility;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.record.OwnedRecords;
import cn.suqian.govshare.record.RecordFilter;
import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.record.References;
import org.springframework.stereotype.Service;

/** Private business networks: scoped lists, reads, validated changes and retirement; one transaction a call. */
@Service
public class PrivateNetworks extends OwnedRecords<PrivateNetwork, PrivateNetworks.Filter> {

    /** List filters; {@code organisation} is forced to the caller's own for departments. */
    public record Filter(String organisation, MigrationStatus migrationStatus, Boolean classified, boolean includeRetired)
            implements RecordFilter<Filter> {

        @Override
        public Filter withOrganisation(String organisation) {
            return new Filter(organisation, migrationStatus, classified, includeRetired);
        }
    }

    private final PrivateNetworkRepository repository;

    PrivateNetworks(Db db, References.Sources references, RecordHistory history, PrivateNetworkRepository repository) {
        super(db, references, history, repository, "private network");
        this.repository = repository;
    }

    /** Active private networks, inside the caller's transaction (their measured utilisation is an eligibility fact, R4). */
    public java.util.List<PrivateNetwork> active(org.jooq.DSLContext dsl) {
        return repository.all(dsl, new Filter(null, null, null, false));
    }
}
