package cn.suqian.govshare.connection;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.record.OwnedRecords;
import cn.suqian.govshare.record.RecordFilter;
import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.record.References;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * The endpoints connection monitoring probes: scoped lists, reads, validated changes and retirement, one
 * transaction a call. A target belongs to its system's organisation.
 */
@Service
public class ConnectionTargets extends OwnedRecords<ConnectionTarget, ConnectionTargets.Filter> {

    /** List filters; {@code organisation} is forced to the caller's own for departments. */
    public record Filter(String organisation, String system, ConnectionTarget.Kind kind, boolean includeRetired)
            implements RecordFilter<Filter> {

        @Override
        public Filter withOrganisation(String organisation) {
            return new Filter(organisation, system, kind, includeRetired);
        }
    }

    private final Inventory inventory;

    ConnectionTargets(Db db, References.Sources references, RecordHistory history, ConnectionTargetRepository repository,
                      Inventory inventory) {
        super(db, references, history, repository, "connection target");
        this.inventory = inventory;
    }

    /** A stored target names its owner; a new one belongs to whoever owns its system (retired systems included). */
    @Override
    protected String ownerOf(DSLContext dsl, ConnectionTarget target) {
        return target.organisationCode() != null ? target.organisationCode()
                : inventory.ownerOf(dsl, target.systemCode()).orElse(null);
    }
}
