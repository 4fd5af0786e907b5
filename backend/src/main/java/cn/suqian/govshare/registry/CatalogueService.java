package cn.suqian.govshare.registry;

import cn.suqian.govshare.audit.AuditTrail;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.security.CurrentUser;
import cn.suqian.govshare.spreadsheet.SheetFormat;
import cn.suqian.govshare.spreadsheet.SheetReader;
import cn.suqian.govshare.spreadsheet.SheetWriter;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The information-resource catalogue: scoped reads, validated changes, retirement, import and export. */
@Service
public class CatalogueService {

    private final Db db;
    private final CatalogueRepository repository;
    private final SheetImport<CatalogueResource> sheetImport;

    CatalogueService(Db db, CatalogueRepository repository, AuditTrail audit) {
        this.db = db;
        this.repository = repository;
        this.sheetImport = new SheetImport<>(new CatalogueSheet(repository), audit);
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
        return db.tx(dsl -> {
            CatalogueResource r = repository.get(dsl, code).orElseThrow(() -> new NotFoundException("catalogue resource", code));
            user.requireRead(r.providerOrganisationCode());
            return r;
        });
    }

    public Mono<CatalogueResource> create(CurrentUser user, CatalogueResource input) {
        CatalogueResource r = input.normalised();
        return db.tx(dsl -> {
            user.requireChange(r.providerOrganisationCode());
            validate(dsl, r);
            if (repository.get(dsl, r.code()).isPresent()) {
                throw new InvalidInputException("code", r.code(), "already exists");
            }
            repository.insert(dsl, List.of(r));
            return repository.get(dsl, r.code()).orElseThrow();
        });
    }

    public Mono<CatalogueResource> update(CurrentUser user, String code, CatalogueResource input) {
        CatalogueResource r = input.normalised();
        return db.tx(dsl -> {
            CatalogueResource stored = repository.get(dsl, code).orElseThrow(() -> new NotFoundException("catalogue resource", code));
            user.requireChange(stored.providerOrganisationCode());
            user.requireChange(r.providerOrganisationCode() == null ? stored.providerOrganisationCode() : r.providerOrganisationCode());
            if (r.code() != null && !r.code().equals(code)) {
                throw new InvalidInputException("code", r.code(), "does not match the resource addressed (" + code + "); codes never change");
            }
            if (stored.retiredAt() != null) {
                throw new InvalidInputException("code", code, "retired resources cannot be changed");
            }
            validate(dsl, r);
            if (!stored.sameContentAs(r)) {
                repository.update(dsl, List.of(r));
            }
            return repository.get(dsl, code).orElseThrow();
        });
    }

    public Mono<CatalogueResource> retire(CurrentUser user, String code) {
        return db.tx(dsl -> {
            CatalogueResource stored = repository.get(dsl, code).orElseThrow(() -> new NotFoundException("catalogue resource", code));
            user.requireChange(stored.providerOrganisationCode());
            repository.retire(dsl, code);
            return repository.get(dsl, code).orElseThrow();
        });
    }

    public Mono<SheetImport.Result> importSheet(CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        return db.tx(dsl -> importSheet(dsl, user, content, fileName, dryRun));
    }

    /** The same, inside a transaction the caller already holds (demo data enters this way). */
    SheetImport.Result importSheet(DSLContext dsl, CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        return sheetImport.run(dsl, user, SheetReader.read(content), dryRun, fileName);
    }

    public Mono<byte[]> export(CurrentUser user, CatalogueRepository.Filter f, SheetFormat format) {
        return db.tx(dsl -> SheetWriter.write(format, "政务信息资源目录", headings(),
                SheetImport.rows(CatalogueSheet.COLUMNS, repository.all(dsl, scoped(user, f)))));
    }

    public static byte[] template(SheetFormat format) {
        return SheetWriter.write(format, "政务信息资源目录", headings(), List.of());
    }

    private static List<String> headings() {
        return CatalogueSheet.COLUMNS.stream().map(c -> c.heading()).toList();
    }

    private void validate(DSLContext dsl, CatalogueResource r) {
        List<FieldProblem> problems = new ArrayList<>(CatalogueRules.check(r, LocalDate.now()));
        problems.addAll(CatalogueRules.checkReferences(r, RegistryLookups.load(dsl)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
