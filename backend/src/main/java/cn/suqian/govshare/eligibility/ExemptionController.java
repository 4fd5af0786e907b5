package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/** Exemptions from "in principle" rules: granted and revoked by the leading group's office, audited, shown beside verdicts. */
@RestController
@RequestMapping("/api/v1/exemptions")
class ExemptionController {

    private final EligibilityRules rules;

    ExemptionController(EligibilityRules rules) {
        this.rules = rules;
    }

    @Operation(summary = "Exemptions, by budget year and organisation. Any signed-in person; departments see their own.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<EligibilityRepository.ExemptionRow>> list(CurrentUser user, @RequestParam(required = false) Integer year,
                                                               @RequestParam(required = false) String organisation) {
        return rules.exemptions(user, year, organisation);
    }

    @Operation(summary = "Grants an exemption from an 'in principle' rule for a year and organisation (optionally one request or system), "
            + "with the reason; verdicts say 'eligible by exemption'. EGOV_ADMIN.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<EligibilityRepository.ExemptionRow> grant(CurrentUser user, @RequestBody EligibilityRules.ExemptionInput input) {
        return rules.grant(user, input);
    }

    @Operation(summary = "Revokes an exemption, with the reason; the verdicts it affected are recomputed. EGOV_ADMIN.")
    @PostMapping("/{id}/revoke")
    @PreAuthorize(Access.ADMIN)
    public Mono<EligibilityRepository.ExemptionRow> revoke(CurrentUser user, @PathVariable long id, @RequestBody EligibilityRules.Revocation revocation) {
        return rules.revoke(user, id, revocation);
    }
}
