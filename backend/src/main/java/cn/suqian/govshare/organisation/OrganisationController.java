package cn.suqian.govshare.organisation;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
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

/**
 * Organisations. Reference data, so every signed-in person may read all of them; the e-government office
 * administers them; contact details may also be changed by a department for its own organisation.
 */
@RestController
@RequestMapping("/api/v1/organisations")
class OrganisationController {

    private static final String TYPES = java.util.Arrays.stream(OrganisationType.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.joining(", "));

    private final OrganisationService organisations;

    OrganisationController(OrganisationService organisations) {
        this.organisations = organisations;
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
        return organisations.find(t, q, includeRetired, PageRequest.of(page, size));
    }

    @Operation(summary = "One organisation. Any signed-in person.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Organisation> get(@PathVariable String code) {
        return organisations.get(code);
    }

    @Operation(summary = "Change an organisation's contact person and phone. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PutMapping("/{code}/contact")
    @PreAuthorize(Access.EDITORS)
    public Mono<Organisation> changeContact(@PathVariable String code, @RequestBody OrganisationService.ContactChange change,
                                            CurrentUser user) {
        return organisations.changeContact(user, code, change);
    }

    @Operation(summary = "Add an organisation (e.g. a new development zone). EGOV_ADMIN only.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<Organisation> create(@RequestBody Organisation organisation) {
        return organisations.create(organisation);
    }

    @Operation(summary = "Replace an organisation's record (the code never changes). EGOV_ADMIN only.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.ADMIN)
    public Mono<Organisation> update(@PathVariable String code, @RequestBody Organisation organisation) {
        return organisations.update(code, organisation);
    }

    @Operation(summary = "Retire an organisation (kept for history, never deleted); refused while it has active sub-organisations. EGOV_ADMIN only.")
    @PostMapping("/{code}/retire")
    @PreAuthorize(Access.ADMIN)
    public Mono<Organisation> retire(@PathVariable String code) {
        return organisations.retire(code);
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
}
