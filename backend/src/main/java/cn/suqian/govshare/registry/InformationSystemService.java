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

/** The inventory: scoped reads, validated changes, retirement, spreadsheet import and export. */
@Service
public class InformationSystemService {

    private final Db db;
    private final InformationSystemRepository repository;
    private final SheetImport<InformationSystem> sheetImport;

    InformationSystemService(Db db, InformationSystemRepository repository, AuditTrail audit) {
        this.db = db;
        this.repository = repository;
        this.sheetImport = new SheetImport<>(new InformationSystemSheet(repository), audit);
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
        return db.tx(dsl -> {
            InformationSystem s = repository.get(dsl, code).orElseThrow(() -> new NotFoundException("information system", code));
            user.requireRead(s.organisationCode());
            return s;
        });
    }

    public Mono<InformationSystem> create(CurrentUser user, InformationSystem input) {
        InformationSystem s = input.normalised();
        return db.tx(dsl -> {
            user.requireChange(s.organisationCode());
            validate(dsl, s);
            if (repository.get(dsl, s.code()).isPresent()) {
                throw new InvalidInputException("code", s.code(), "already exists");
            }
            repository.insert(dsl, List.of(s));
            return repository.get(dsl, s.code()).orElseThrow();
        });
    }

    public Mono<InformationSystem> update(CurrentUser user, String code, InformationSystem input) {
        InformationSystem s = input.normalised();
        return db.tx(dsl -> {
            InformationSystem stored = repository.get(dsl, code).orElseThrow(() -> new NotFoundException("information system", code));
            user.requireChange(stored.organisationCode());
            user.requireChange(s.organisationCode() == null ? stored.organisationCode() : s.organisationCode());
            if (s.code() != null && !s.code().equals(code)) {
                throw new InvalidInputException("code", s.code(), "does not match the system addressed (" + code + "); codes never change");
            }
            if (stored.retiredAt() != null) {
                throw new InvalidInputException("code", code, "retired systems cannot be changed");
            }
            InformationSystem withCode = withCode(s, code);
            validate(dsl, withCode);
            if (!stored.sameContentAs(withCode)) {
                repository.update(dsl, List.of(withCode));
            }
            return repository.get(dsl, code).orElseThrow();
        });
    }

    public Mono<InformationSystem> retire(CurrentUser user, String code) {
        return db.tx(dsl -> {
            InformationSystem stored = repository.get(dsl, code).orElseThrow(() -> new NotFoundException("information system", code));
            user.requireChange(stored.organisationCode());
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

    public Mono<byte[]> export(CurrentUser user, InformationSystemRepository.Filter f, SheetFormat format) {
        return db.tx(dsl -> SheetWriter.write(format, "信息系统清单", headings(),
                SheetImport.rows(InformationSystemSheet.COLUMNS, repository.all(dsl, scoped(user, f)))));
    }

    public static byte[] template(SheetFormat format) {
        return SheetWriter.write(format, "信息系统清单", headings(), List.of());
    }

    private static List<String> headings() {
        return InformationSystemSheet.COLUMNS.stream().map(c -> c.required() ? c.heading() : c.heading()).toList();
    }

    private void validate(DSLContext dsl, InformationSystem s) {
        List<FieldProblem> problems = new ArrayList<>(InformationSystemRules.check(s, LocalDate.now()));
        problems.addAll(InformationSystemRules.checkReferences(s, RegistryLookups.load(dsl)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static InformationSystem withCode(InformationSystem s, String code) {
        return new InformationSystem(code, s.organisationCode(), s.name(), s.purpose(), s.fundingType(), s.lifecycleStatus(),
                s.statusSince(), s.deployment(), s.dataRoomCode(), s.network(), s.privateNetworkCode(), s.migrationPlannedOn(),
                s.mustConnect(), s.platformConnectedOn(), s.protectionLevel(), s.protectionAssessedOn(), s.containsSecrets(),
                s.annualOmCost(), s.exchangeAliases(), null, null, null);
    }
}
