package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.catalogue.CatalogueResource.BaseDatabase;
import cn.suqian.govshare.catalogue.CatalogueResource.OpenAttribute;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;
import cn.suqian.govshare.audit.AuditTrail;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.record.RecordFilter;
import cn.suqian.govshare.record.References;
import cn.suqian.govshare.record.SheetBackedRecords;
import cn.suqian.govshare.web.Blocking;
import org.springframework.stereotype.Service;

/**
 * The information-resource catalogue: scoped lists and exports, validated changes, retirement, spreadsheet
 * import. A resource belongs to its provider.
 */
@Service
public class CatalogueService extends SheetBackedRecords<CatalogueResource, CatalogueService.Filter> {

    /** List filters; {@code organisation} (the provider) is forced to the caller's own for departments. */
    public record Filter(String organisation, SharingType sharingType, OpenAttribute openAttribute, Boolean mounted,
                         BaseDatabase baseDatabase, Integer category, String sourceSystem, String q, boolean includeRetired)
            implements RecordFilter<Filter> {

        @Override
        public Filter withOrganisation(String provider) {
            return new Filter(provider, sharingType, openAttribute, mounted, baseDatabase, category, sourceSystem, q, includeRetired);
        }
    }

    CatalogueService(Db db, Blocking blocking, References.Sources references, AuditTrail audit, CatalogueRepository repository) {
        super(db, blocking, references, audit, repository, new CatalogueSheet());
    }
}
