package cn.suqian.govshare.registry;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.security.Access;
import cn.suqian.govshare.security.CurrentUser;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
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
 * Organisations. Reference data, so every signed-in person may read all of them; contact details may
 * be changed by the e-government office, or by a department for its own organisation only.
 */
@RestController
@RequestMapping("/api/v1/organisations")
class OrganisationController {

    private static final Pattern PHONE = Pattern.compile("^[0-9+()\\- ]{5,30}$");

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
            problems.add(new FieldProblem("contactPerson", person, "at most 50 characters"));
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add(new FieldProblem("contactPhone", phone, "digits, spaces, '+', '-', '(' or ')', 5 to 30 characters"));
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

    private static OrganisationType parseType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return OrganisationType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("type", type, "one of CITY, CITY_DEPARTMENT, COUNTY_DISTRICT, DEVELOPMENT_ZONE");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
