package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.PageRequest;
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

/** Zombie candidates with their evidence and confidence, and the office's decisions on them. */
@RestController
@RequestMapping("/api/v1/exchange/zombies")
class ZombieController {

    private final Zombies zombies;

    ZombieController(Zombies zombies) {
        this.zombies = zombies;
    }

    @Operation(summary = "Zombie candidates: systems in use with no exchange traffic and no successful probe or heartbeat over the "
            + "configured period, each with its evidence and confidence; paged, most confident first; minConfidence LOW|MEDIUM|HIGH; "
            + "dismissed ones only with includeDismissed=true. Any signed-in person; departments see their own.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<Zombies.Report> list(CurrentUser user, @RequestParam(required = false) String organisation,
                                     @RequestParam(required = false) String minConfidence,
                                     @RequestParam(defaultValue = "false") boolean includeDismissed,
                                     @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return zombies.find(user, organisation, confidence(minConfidence), includeDismissed, PageRequest.of(page, size));
    }

    private static Zombies.Confidence confidence(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Zombies.Confidence.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FieldProblem.oneOf("minConfidence", value, "LOW, MEDIUM, HIGH"));
        }
    }

    @Operation(summary = "Confirm a candidate for cleanup, or dismiss it, with a reason (audited). EGOV_ADMIN only.")
    @PutMapping("/{system}/decision")
    @PreAuthorize(Access.ADMIN)
    public Mono<Zombies.Candidate> decide(CurrentUser user, @PathVariable String system, @RequestBody Zombies.DecisionInput input) {
        return zombies.decide(user, system, input);
    }
}
