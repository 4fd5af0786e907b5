package cn.suqian.govshare.filing;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.web.AccessRefusedException;
import cn.suqian.govshare.web.ConflictException;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.ResponseCode;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Filings and their workflow. Departments file, see and edit only their own (while a draft or returned); the
 * e-government office reviews (under review → approved / returned / rejected, a comment required to return or
 * reject); finance and leadership read; auditors read all. Every transition is stored with its comment and
 * audited; a submission after the year's filing window closed is accepted and marked late.
 */
@Service
public class FilingService {

    static final ZoneId ZONE = cn.suqian.govshare.web.CityCalendar.ZONE;

    /** What a workflow step does. */
    public enum Action { SUBMIT, START_REVIEW, APPROVE, RETURN, REJECT }

    public record Step(Action action, String comment) {
    }

    public record History(Filing filing, List<Filing.Transition> transitions, List<RecordHistory.Entry> changes) {
    }

    public record WindowInput(LocalDate opensOn, LocalDate closesOn) {
    }

    private final Db db;
    private final FilingRepository repository;
    private final Inventory inventory;
    private final Organisations organisations;
    private final RecordHistory history;
    private final ApplicationEventPublisher events;
    private final AttachmentStore store;
    private final int maxAttachmentBytes;

    FilingService(Db db, FilingRepository repository, Inventory inventory, Organisations organisations, RecordHistory history,
                  ApplicationEventPublisher events, AttachmentStore store,
                  @Value("${govshare.filing.attachment-max-bytes:10485760}") int maxAttachmentBytes) {
        this.store = store;
        this.db = db;
        this.repository = repository;
        this.inventory = inventory;
        this.organisations = organisations;
        this.history = history;
        this.events = events;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    int maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    public Mono<List<Filing>> find(CurrentUser user, Integer year, String organisation, List<FilingStatus> status, Filing.ProjectType type,
                                   String q) {
        String org = user.organisationScope().orElse(organisation == null || organisation.isBlank() ? null : organisation);
        return db.tx(dsl -> repository.find(dsl, new FilingRepository.Filter(year, org, status, type, q)));
    }

    public Mono<Filing> get(CurrentUser user, long id) {
        return db.tx(dsl -> readable(dsl, user, id));
    }

    public Mono<History> history(CurrentUser user, long id) {
        return db.tx(dsl -> {
            Filing f = readable(dsl, user, id);
            return new History(f, repository.transitions(dsl, id), history.of(dsl, "filing", String.valueOf(id)));
        });
    }

    public Mono<Filing> create(CurrentUser user, Filing.Input input) {
        return db.tx(dsl -> create(dsl, user, input));
    }

    /** The same inside the caller's transaction (the demo files through here, as a department would). */
    public Filing create(DSLContext dsl, CurrentUser user, Filing.Input input) {
        validate(dsl, user, input);
        long id = repository.insert(dsl, input, user.username());
        repository.transition(dsl, id, null, FilingStatus.DRAFT, user.username(), null, false);
        events.publishEvent(new FilingChanged(dsl, id, input.budgetYear(), "filingCreated", java.util.Map.of("filing", id, "user", user.username())));
        return repository.get(dsl, id).orElseThrow();
    }

    public Mono<Filing> update(CurrentUser user, long id, Filing.Input input) {
        return db.tx(dsl -> {
            Filing current = repository.lock(dsl, id).orElseThrow(() -> new NotFoundException("filing", id));
            user.requireChange(current.organisationCode());
            if (!current.status().editable()) {
                throw new InvalidInputException(FieldProblem.of("status", current.status(), ProblemCode.NOT_EDITABLE, current.status().name()));
            }
            if (input.version() != null && !input.version().equals(current.version())) {
                throw new ConflictException(ResponseCode.EDIT_CONFLICT, id, input.version(), current.version());
            }
            if (input.organisationCode() != null && !input.organisationCode().equals(current.organisationCode())) {
                throw new InvalidInputException(FieldProblem.of("organisationCode", input.organisationCode(), ProblemCode.CODE_CHANGED,
                        current.organisationCode()));
            }
            validate(dsl, user, input);
            repository.update(dsl, id, input);
            events.publishEvent(new FilingChanged(dsl, id, input.budgetYear(), "filingEdited", java.util.Map.of("filing", id, "user", user.username())));
            return repository.get(dsl, id).orElseThrow();
        });
    }

    public Mono<Filing> step(CurrentUser user, long id, Step step) {
        return db.tx(dsl -> step(dsl, user, id, step));
    }

    /** One workflow step inside the caller's transaction. */
    public Filing step(DSLContext dsl, CurrentUser user, long id, Step step) {
        if (step == null || step.action() == null) {
            throw new InvalidInputException(FieldProblem.oneOf("action", null, "SUBMIT, START_REVIEW, APPROVE, RETURN, REJECT"));
        }
        Filing f = repository.lock(dsl, id).orElseThrow(() -> new NotFoundException("filing", id));
        user.requireRead(f.organisationCode());
        String comment = step.comment() == null || step.comment().isBlank() ? null : step.comment().strip();
        if (comment != null && comment.length() > FilingRules.MAX_TEXT) {
            throw new InvalidInputException(FieldProblem.maxLength("comment", comment.substring(0, 40) + "…", FilingRules.MAX_TEXT));
        }
        FilingStatus to = switch (step.action()) {
            case SUBMIT -> {
                user.requireChange(f.organisationCode());
                expect(f, step.action(), FilingStatus.DRAFT, FilingStatus.RETURNED);
                Set<Filing.AttachmentKind> kinds = EnumSet.noneOf(Filing.AttachmentKind.class);
                f.attachments().forEach(a -> kinds.add(a.kind()));
                List<FieldProblem> missing = FilingRules.missing(f, kinds);
                if (!missing.isEmpty()) {
                    throw new InvalidInputException(missing);
                }
                yield FilingStatus.SUBMITTED;
            }
            case START_REVIEW -> {
                office(user);
                expect(f, step.action(), FilingStatus.SUBMITTED);
                yield FilingStatus.UNDER_REVIEW;
            }
            case APPROVE, RETURN, REJECT -> {
                office(user);
                expect(f, step.action(), FilingStatus.UNDER_REVIEW);
                if (step.action() != Action.APPROVE && comment == null) {
                    throw new InvalidInputException(FieldProblem.of("comment", null, ProblemCode.COMMENT_REQUIRED));
                }
                yield step.action() == Action.APPROVE ? FilingStatus.APPROVED
                        : step.action() == Action.RETURN ? FilingStatus.RETURNED : FilingStatus.REJECTED;
            }
        };
        boolean late = false;
        OffsetDateTime submittedAt = null;
        if (to == FilingStatus.SUBMITTED) {
            submittedAt = OffsetDateTime.now();
            LocalDate today = submittedAt.atZoneSameInstant(ZONE).toLocalDate();
            late = repository.window(dsl, f.budgetYear()).map(w -> today.isAfter(w.closesOn())).orElse(false);
        }
        repository.status(dsl, id, to, submittedAt, late);
        repository.transition(dsl, id, f.status(), to, user.username(), comment, late);
        events.publishEvent(new FilingChanged(dsl, id, f.budgetYear(), "filingStep",
                java.util.Map.of("filing", id, "from", f.status().name(), "to", to.name(), "user", user.username())));
        return repository.get(dsl, id).orElseThrow();
    }

    private static void office(CurrentUser user) {
        if (user.role() != Role.EGOV_ADMIN) {
            throw new AccessRefusedException(ResponseCode.REVIEW_REFUSED, user.username());
        }
    }

    private static void expect(Filing f, Action action, FilingStatus... from) {
        for (FilingStatus s : from) {
            if (f.status() == s) {
                return;
            }
        }
        throw new InvalidInputException(FieldProblem.of("action", action, ProblemCode.TRANSITION_NOT_ALLOWED, f.status().name(), action.name()));
    }

    public Mono<Filing.Attachment> attach(CurrentUser user, long id, Filing.AttachmentKind kind, String fileName, byte[] content) {
        return db.tx(dsl -> attach(dsl, user, id, kind, fileName, content));
    }

    public Filing.Attachment attach(DSLContext dsl, CurrentUser user, long id, Filing.AttachmentKind kind, String fileName, byte[] content) {
        Filing f = repository.lock(dsl, id).orElseThrow(() -> new NotFoundException("filing", id));
        user.requireChange(f.organisationCode());
        if (!f.status().editable()) {
            throw new InvalidInputException(FieldProblem.of("status", f.status(), ProblemCode.NOT_EDITABLE, f.status().name()));
        }
        if (kind == null) {
            throw new InvalidInputException(FieldProblem.oneOf("kind", null, "FEASIBILITY_STUDY, APPROVAL, OTHER"));
        }
        AttachmentContent.Checked checked = AttachmentContent.check(fileName, content, maxAttachmentBytes);
        long attachmentId = store.inDirectory()
                ? repository.addAttachment(dsl, id, kind, checked, content.length, null, store.write(checked.sha256(), content), user.username())
                : repository.addAttachment(dsl, id, kind, checked, content.length, content, null, user.username());
        events.publishEvent(new FilingChanged(dsl, id, f.budgetYear(), "attachmentAdded",
                java.util.Map.of("filing", id, "kind", kind.name(), "user", user.username())));
        return repository.get(dsl, id).orElseThrow().attachments().stream().filter(a -> a.id() == attachmentId).findFirst().orElseThrow();
    }

    Mono<FilingRepository.Download> download(CurrentUser user, long id, long attachmentId) {
        return db.tx(dsl -> {
            readable(dsl, user, id);
            var d = repository.download(dsl, id, attachmentId).orElseThrow(() -> new NotFoundException("attachment", attachmentId));
            // served the same whichever way it is kept; kept in the directory, it is read back under its checksum
            return d.content() != null ? d : d.withContent(store.read(d.storedIn(), d.sha256()));
        });
    }

    public Mono<List<Filing.Window>> windows() {
        return db.tx(repository::windows);
    }

    public Mono<Filing.Window> setWindow(CurrentUser user, int year, WindowInput input) {
        List<FieldProblem> p = new ArrayList<>();
        if (year < 2017 || year > 2100) {
            p.add(FieldProblem.between("budgetYear", year, 2017, 2100));
        }
        if (input == null || input.opensOn() == null) {
            p.add(FieldProblem.required("opensOn"));
        }
        if (input == null || input.closesOn() == null) {
            p.add(FieldProblem.required("closesOn"));
        } else if (input.opensOn() != null && input.closesOn().isBefore(input.opensOn())) {
            p.add(FieldProblem.of("closesOn", input.closesOn(), ProblemCode.AFTER_FROM, input.opensOn()));
        }
        if (!p.isEmpty()) {
            return Mono.error(new InvalidInputException(p));
        }
        return db.tx(dsl -> setWindow(dsl, user, year, input));
    }

    /** The same inside the caller's transaction (input already checked). */
    public Filing.Window setWindow(DSLContext dsl, CurrentUser user, int year, WindowInput input) {
        repository.setWindow(dsl, year, input.opensOn(), input.closesOn(), user.username());
        return repository.window(dsl, year).orElseThrow();
    }

    private Filing readable(DSLContext dsl, CurrentUser user, long id) {
        Filing f = repository.get(dsl, id).orElseThrow(() -> new NotFoundException("filing", id));
        user.requireRead(f.organisationCode());
        return f;
    }

    private void validate(DSLContext dsl, CurrentUser user, Filing.Input input) {
        if (input == null) {
            throw new InvalidInputException(FieldProblem.required("filing"));
        }
        List<FieldProblem> p = new ArrayList<>(FilingRules.shape(input));
        if (input.organisationCode() != null && !input.organisationCode().isBlank()) {
            String org = input.organisationCode().strip();
            if (!organisations.exists(dsl, org)) {
                p.add(FieldProblem.unknownOrganisation("organisationCode", org));
            } else {
                user.requireChange(org);
                if (input.systemCodes() != null) {
                    // each refusal names the row ("systemCodes[2]"), as the funding sources' and planned systems' do
                    for (int i = 0; i < input.systemCodes().size(); i++) {
                        String code = input.systemCodes().get(i);
                        var owner = inventory.ownerOf(dsl, code == null ? null : code.strip());
                        if (owner.isEmpty()) {
                            p.add(FieldProblem.of("systemCodes[" + i + "]", code, ProblemCode.UNKNOWN_SYSTEM));
                        } else if (!owner.get().equals(org)) {
                            p.add(FieldProblem.belongsTo("systemCodes[" + i + "]", code, owner.get()));
                        }
                    }
                }
            }
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
    }
}
