package cn.suqian.govshare.organisation;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.record.Versioned;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Organisations as the e-government office maintains them: listing, validated creation and replacement
 * (codes never change), retirement once no active sub-organisation remains; contact details also by the
 * department itself. Each call is one transaction.
 */
@Service
class OrganisationService {

    private static final Pattern PHONE = Pattern.compile("^[0-9+()\\- ]{5,30}$");
    private static final String TYPES = java.util.Arrays.stream(OrganisationType.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.joining(", "));

    private final Db db;
    private final OrganisationRepository organisations;
    private final RecordHistory history;

    private final org.springframework.context.ApplicationEventPublisher events;

    OrganisationService(Db db, OrganisationRepository organisations, RecordHistory history,
                        org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.organisations = organisations;
        this.history = history;
    }

    /** A new contact person and phone; blanks clear them. */
    public record ContactChange(String contactPerson, String contactPhone) {
    }

    Mono<PageResult<Organisation>> find(OrganisationType type, String query, boolean includeRetired, PageRequest page) {
        return db.tx(dsl -> organisations.find(dsl, type, query, includeRetired, page));
    }

    /** An organisation with its version (the ETag a later change sends back). */
    Mono<Versioned<Organisation>> get(String code) {
        return db.tx(dsl -> {
            if (!organisations.exists(dsl, code)) {
                throw new NotFoundException("organisation", code);
            }
            return versioned(dsl, code);
        });
    }

    /** The organisation's history from the audit trail, newest first (organisations are reference data: anyone reads it). */
    Mono<List<RecordHistory.Entry>> history(String code) {
        return db.tx(dsl -> {
            if (!organisations.exists(dsl, code)) {
                throw new NotFoundException("organisation", code);
            }
            return history.of(dsl, "organisation", code);
        });
    }

    Mono<Versioned<Organisation>> changeContact(CurrentUser user, String code, ContactChange change, Long expectedVersion) {
        user.requireChange(code);
        List<FieldProblem> problems = new ArrayList<>();
        String person = blankToNull(change.contactPerson());
        String phone = blankToNull(change.contactPhone());
        if (person != null && person.length() > 50) {
            problems.add(FieldProblem.maxLength("contactPerson", person, 50));
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add(FieldProblem.of("contactPhone", phone, ProblemCode.PHONE));
        }
        if (!problems.isEmpty()) {
            return Mono.error(new InvalidInputException(problems));
        }
        return db.tx(dsl -> {
            Versioned.check(code, expectedVersion, lockedVersion(dsl, code));
            organisations.updateContact(dsl, code, person, phone);
            return versioned(dsl, code);
        });
    }

    Mono<Versioned<Organisation>> create(Organisation organisation) {
        Organisation o = normalised(organisation);
        return db.tx(dsl -> {
            validate(dsl, o);
            if (organisations.exists(dsl, o.code())) {
                throw new InvalidInputException(FieldProblem.alreadyExists("code", o.code()));
            }
            organisations.insert(dsl, o);
            events.publishEvent(new OrganisationChanged(dsl, o.code(), "organisationCreated", java.util.Map.of("organisation", o.code())));
            return versioned(dsl, o.code());
        });
    }

    Mono<Versioned<Organisation>> update(String code, Organisation organisation, Long expectedVersion) {
        Organisation o = normalised(organisation);
        return db.tx(dsl -> {
            Versioned.check(code, expectedVersion, lockedVersion(dsl, code));
            if (o.code() != null && !o.code().equals(code)) {
                throw new InvalidInputException(FieldProblem.of("code", o.code(), ProblemCode.CODE_CHANGED, code));
            }
            Organisation withCode = new Organisation(code, o.name(), o.nameEn(), o.type(), o.parentCode(), o.unifiedCode(),
                    o.contactPerson(), o.contactPhone(), null);
            validate(dsl, withCode);
            if (code.equals(withCode.parentCode())) {
                throw new InvalidInputException(FieldProblem.of("parentCode", code, ProblemCode.OWN_PARENT));
            }
            organisations.update(dsl, withCode);
            events.publishEvent(new OrganisationChanged(dsl, code, "organisationEdited", java.util.Map.of("organisation", code)));
            return versioned(dsl, code);
        });
    }

    /** Retires an organisation (kept for history), the reason recorded in the audit trail; If-Match as for updates. */
    Mono<Versioned<Organisation>> retire(String code, Long expectedVersion, RecordHistory.Retirement retirement) {
        String reason = RecordHistory.reasonOf(retirement);
        return db.tx(dsl -> {
            Versioned.check(code, expectedVersion, lockedVersion(dsl, code));
            if (organisations.hasActiveChildren(dsl, code)) {
                throw new InvalidInputException(FieldProblem.of("code", code, ProblemCode.HAS_ACTIVE_CHILDREN));
            }
            if (organisations.retire(dsl, code)) {
                history.retired(dsl, "organisation", code, reason);
                events.publishEvent(new OrganisationChanged(dsl, code, "organisationRetired", java.util.Map.of("organisation", code)));
            }
            return versioned(dsl, code);
        });
    }

    private long lockedVersion(DSLContext dsl, String code) {
        return organisations.lockVersion(dsl, code).orElseThrow(() -> new NotFoundException("organisation", code));
    }

    private Versioned<Organisation> versioned(DSLContext dsl, String code) {
        return new Versioned<>(organisations.get(dsl, code).orElseThrow(),
                organisations.version(dsl, code).orElseThrow(() -> new NotFoundException("organisation", code)));
    }

    private void validate(DSLContext dsl, Organisation o) {
        List<FieldProblem> problems = new ArrayList<>();
        if (o.code() == null || !o.code().matches("^[a-z][a-z0-9-]{1,31}$")) {
            problems.add(FieldProblem.codeFormat("code", o.code(), 32, "-"));
        }
        if (o.name() == null) {
            problems.add(FieldProblem.required("name"));
        }
        if (o.type() == null) {
            problems.add(FieldProblem.oneOf("type", null, TYPES));
        } else if (o.type() != OrganisationType.CITY && o.parentCode() == null) {
            problems.add(FieldProblem.of("parentCode", null, ProblemCode.PARENT_REQUIRED));
        }
        if (o.parentCode() != null && !organisations.exists(dsl, o.parentCode())) {
            problems.add(FieldProblem.unknownOrganisation("parentCode", o.parentCode()));
        }
        if (o.unifiedCode() != null && !o.unifiedCode().matches("^[0-9A-HJ-NPQRTUWXY]{18}$")) {
            problems.add(FieldProblem.of("unifiedCode", o.unifiedCode(), ProblemCode.UNIFIED_CODE));
        }
        if (o.contactPhone() != null && !PHONE.matcher(o.contactPhone()).matches()) {
            problems.add(FieldProblem.of("contactPhone", o.contactPhone(), ProblemCode.PHONE));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static Organisation normalised(Organisation o) {
        return new Organisation(blankToNull(o.code()), blankToNull(o.name()), blankToNull(o.nameEn()), o.type(),
                blankToNull(o.parentCode()), blankToNull(o.unifiedCode()), blankToNull(o.contactPerson()),
                blankToNull(o.contactPhone()), null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
