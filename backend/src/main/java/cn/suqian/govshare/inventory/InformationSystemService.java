package cn.suqian.govshare.inventory;

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

/** The inventory: scoped reads and summaries, validated changes, retirement, spreadsheet import and export. */
@Service
public class InformationSystemService {

    private final Db db;
    private final InformationSystemRepository repository;
    private final SheetBackedRecords<InformationSystem> records;

    InformationSystemService(Db db, Blocking blocking, InformationSystemRepository repository, AuditTrail audit, References.Sources references) {
        this.db = db;
        this.repository = repository;
        this.records = new SheetBackedRecords<>(db, blocking, references, new InformationSystemSheet(repository), audit);
    }

    /** Departments only ever see their own organisation, whatever they asked for. */
    static InformationSystemRepository.Filter scoped(CurrentUser user, InformationSystemRepository.Filter f) {
        return user.organisationScope()
                .map(own -> new InformationSystemRepository.Filter(own, f.lifecycleStatus(), f.deployment(), f.network(),
                        f.mustConnect(), f.q(), f.includeRetired()))
                .orElse(f);
    }

    public Mono<PageResult<InformationSystem>> find(CurrentUser user, InformationSystemRepository.Filter f, String sort, PageRequest page) {
        return db.tx(dsl -> repository.find(dsl, scoped(user, f), sort, page));
    }

    public Mono<InformationSystemRepository.Summary> summary(CurrentUser user, InformationSystemRepository.Filter f) {
        return db.tx(dsl -> repository.summary(dsl, scoped(user, f)));
    }

    public Mono<InformationSystem> get(CurrentUser user, String code) {
        return records.get(user, code);
    }

    public Mono<InformationSystem> create(CurrentUser user, InformationSystem input) {
        return records.create(user, input);
    }

    public Mono<InformationSystem> update(CurrentUser user, String code, InformationSystem input) {
        return records.update(user, code, input);
    }

    public Mono<InformationSystem> retire(CurrentUser user, String code) {
        return records.retire(user, code);
    }

    public Mono<SheetImport.Result> importSheet(CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        return records.importSheet(user, content, fileName, dryRun);
    }

    /** The same, inside a transaction the caller already holds (demo data enters this way). */
    public SheetImport.Result importSheet(DSLContext dsl, CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        return records.importSheet(dsl, user, content, fileName, dryRun);
    }

    public Mono<byte[]> export(CurrentUser user, InformationSystemRepository.Filter f, SheetFormat format) {
        return records.export(format, dsl -> repository.all(dsl, scoped(user, f)));
    }

    public Mono<byte[]> template(SheetFormat format) {
        return records.template(format);
    }
}
