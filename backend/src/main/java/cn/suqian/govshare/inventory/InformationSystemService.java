package cn.suqian.govshare.inventory;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;
import cn.suqian.govshare.audit.AuditTrail;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.record.RecordFilter;
import cn.suqian.govshare.record.References;
import cn.suqian.govshare.record.SheetBackedRecords;
import cn.suqian.govshare.web.Blocking;
import org.springframework.stereotype.Service;
import org.jooq.DSLContext;
import reactor.core.publisher.Mono;

import java.util.Map;

/** The inventory: scoped lists, summaries and exports, validated changes, retirement, spreadsheet import. */
@Service
public class InformationSystemService extends SheetBackedRecords<InformationSystem, InformationSystemService.Filter> {

    /** List filters; {@code organisation} is forced to the caller's own for departments. */
    public record Filter(String organisation, LifecycleStatus lifecycleStatus, Deployment deployment, NetworkType network,
                         Boolean mustConnect, String q, boolean includeRetired) implements RecordFilter<Filter> {

        @Override
        public Filter withOrganisation(String organisation) {
            return new Filter(organisation, lifecycleStatus, deployment, network, mustConnect, q, includeRetired);
        }
    }

    /** Counts of the systems a filter selects. */
    public record Summary(long total, Map<LifecycleStatus, Integer> byLifecycleStatus, Map<Deployment, Integer> byDeployment,
                          Map<NetworkType, Integer> byNetwork, int mustConnect, int connected) {
    }

    private final Db db;
    private final InformationSystemRepository repository;

    private final org.springframework.context.ApplicationEventPublisher events;

    InformationSystemService(Db db, Blocking blocking, References.Sources references, AuditTrail audit, InformationSystemRepository repository,
                             org.springframework.context.ApplicationEventPublisher events) {
        super(db, blocking, references, audit, repository, new InformationSystemSheet());
        this.events = events;
        this.db = db;
        this.repository = repository;
    }

    /** Funding eligibility reads the inventory: its verdicts follow a change in the same transaction. */
    @Override
    protected void changed(DSLContext dsl, CurrentUser user, java.util.Set<String> codes, String how) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("user", user.username());
        if (codes != null) {
            params.put("systems", String.join(", ", new java.util.TreeSet<>(codes)));
        }
        events.publishEvent(new SystemsChanged(dsl, codes, "system" + Character.toUpperCase(how.charAt(0)) + how.substring(1), params));
    }

    public Mono<Summary> summary(CurrentUser user, Filter filter) {
        return db.tx(dsl -> repository.summary(dsl, scoped(user, filter)));
    }
}
