package cn.suqian.govshare.organisation;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Organisations. Reference data, so every signed-in person may read all of them; the e-government office
 * administers them; contact details may also be changed by a department for its own organisation.
 */
@RestController
@RequestMapping("/api/v1/organisations")
class OrganisationController {

    private static final Pattern PHONE = Pattern.compile("^[0-9+()\\- ]{5,30}$");
    private static final String TYPES = java.util.Arrays.stream(OrganisationType.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.joining(", "));

    private final Db db;
    private final OrganisationRepository organisations;

    OrganisationController(Db db, OrganisationRepository organisations) {
        this.db = db;
        this.organisations = organisations;
    }

    public record ContactChange(String contactPerson, String contactPhone) {
    }

    @Operation(summary = "List organisations, filtered by type and a text query (code or name), paged. Any signed-in person.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<PageResult<Organisation>> list(@RequestParam(required = false) String type,
                                               @RequestParam(required = false) String q,
                                               @RequestParam(defaultValue = "false") boolean includeRetired,
                                               @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size) {
        OrganisationType t = parseType(type);
        PageRequest paging = PageRequest.of(page, size);
        return db.tx(dsl -> organisations.find(dsl, t, q, includeRetired, paging));
    }

    @Operation(summary = "One organisation. Any signed-in person.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Organisation> get(@PathVariable String code) {
        return db.tx(dsl -> organisations.get(dsl, code).orElseThrow(() -> new NotFoundException("organisation", code)));
    }

    @Operation(summary = "Change an organisation's contact person and phone. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PutMapping("/{code}/contact")
    @PreAuthorize(Access.EDITORS)
    public Mono<Organisation> changeContact(@PathVariable String code, @RequestBody ContactChange change, CurrentUser user) {
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
            if (!organisations.exists(dsl, code)) {
                throw new NotFoundException("organisation", code);
            }
            organisations.updateContact(dsl, code, person, phone);
            return organisations.get(dsl, code).orElseThrow();
        });
    }

    @Operation(summary = "Add an organisation (e.g. a new development zone). EGOV_ADMIN only.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<Organisation> create(@RequestBody Organisation organisation) {
        Organisation o = normalised(organisation);
        return db.tx(dsl -> {
            validate(dsl, o);
            if (organisations.exists(dsl, o.code())) {
                throw new InvalidInputException(FieldProblem.alreadyExists("code", o.code()));
            }
            organisations.insert(dsl, o);
            return organisations.get(dsl, o.code()).orElseThrow();
        });
    }

    @Operation(summary = "Replace an organisation's record (the code never changes). EGOV_ADMIN only.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.ADMIN)
    public Mono<Organisation> update(@PathVariable String code, @RequestBody Organisation organisation) {
        Organisation o = normalised(organisation);
        return db.tx(dsl -> {
            if (!organisations.exists(dsl, code)) {
                throw new NotFoundException("organisation", code);
            }
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
            return organisations.get(dsl, code).orElseThrow();
        });
    }

    @Operation(summary = "Retire an organisation (kept for history, never deleted); refused while it has active sub-organisations. EGOV_ADMIN only.")
    @PostMapping("/{code}/retire")
    @PreAuthorize(Access.ADMIN)
    public Mono<Organisation> retire(@PathVariable String code) {
        return db.tx(dsl -> {
            if (!organisations.exists(dsl, code)) {
                throw new NotFoundException("organisation", code);
            }
            if (organisations.hasActiveChildren(dsl, code)) {
                throw new InvalidInputException(FieldProblem.of("code", code, ProblemCode.HAS_ACTIVE_CHILDREN));
            }
            organisations.retire(dsl, code);
            return organisations.get(dsl, code).orElseThrow();
        });
    }

    private void validate(org.jooq.DSLContext dsl, Organisation o) {
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

    private static OrganisationType parseType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return OrganisationType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FieldProblem.oneOf("type", type, TYPES));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
