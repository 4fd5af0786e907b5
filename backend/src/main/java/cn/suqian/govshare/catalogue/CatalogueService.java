package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.record.References;
import cn.suqian.govshare.record.SheetBackedRecords;
import cn.suqian.govshare.record.SheetImport;

import cn.suqian.govshare.audit.AuditTrail;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.spreadsheet.SheetFormat;
import cn.suqian.govshare.web.Blocking;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The information-resource catalogue: scoped reads, validated changes, retirement, import and export. */
@Service
public class CatalogueService {

    private final Db db;
    private final CatalogueRepository repository;
    private final SheetBackedRecords<CatalogueResource> records;

    CatalogueService(Db db, Blocking blocking, CatalogueRepository repository, AuditTrail audit, References.Sources references) {
        this.db = db;
        this.repository = repository;
        this.records = new SheetBackedRecords<>(db, blocking, references, new CatalogueSheet(repository), audit);
    }

    static CatalogueRepository.Filter scoped(CurrentUser user, CatalogueRepository.Filter f) {
        return user.organisationScope()
                .map(own -> new CatalogueRepository.Filter(own, f.sharingType(), f.openAttribute(), f.mounted(), f.baseDatabase(),
                        f.category(), f.sourceSystem(), f.q(), f.includeRetired()))
                .orElse(f);
    }

    public Mono<PageResult<CatalogueResource>> find(CurrentUser user, CatalogueRepository.Filter f, String sort, PageRequest page) {
        return db.tx(dsl -> repository.find(dsl, scoped(user, f), sort, page));
    }

    public Mono<CatalogueResource> get(CurrentUser user, String code) {
        return records.get(user, code);
    }

    public Mono<CatalogueResource> create(CurrentUser user, CatalogueResource input) {
        return records.create(user, input);
    }

    public Mono<CatalogueResource> update(CurrentUser user, String code, CatalogueResource input) {
        return records.update(user, code, input);
    }

    public Mono<CatalogueResource> retire(CurrentUser user, String code) {
        return records.retire(user, code);
    }

    public Mono<SheetImport.Result> importSheet(CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        return records.importSheet(user, content, fileName, dryRun);
    }

    /** The same, inside a transaction the caller already holds (demo data enters this way). */
    public SheetImport.Result importSheet(DSLContext dsl, CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        return records.importSheet(dsl, user, content, fileName, dryRun);
    }

    public Mono<byte[]> export(CurrentUser user, CatalogueRepository.Filter f, SheetFormat format) {
        return records.export(format, dsl -> repository.all(dsl, scoped(user, f)));
    }

    public Mono<byte[]> template(SheetFormat format) {
        return records.template(format);
    }
}
