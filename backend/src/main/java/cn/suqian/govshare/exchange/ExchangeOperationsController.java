package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.FieldProblem;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Anomalies and their triage, the quarantine and the op-monitoring records left faulty (zombie candidates: ZombieController). */
@RestController
@RequestMapping("/api/v1/exchange")
class ExchangeOperationsController {

    private final Anomalies anomalies;
    private final Quarantine quarantine;
    private final ExchangeRollups rollups;
    private final OpmonFaulty faulty;

    ExchangeOperationsController(Anomalies anomalies, Quarantine quarantine, ExchangeRollups rollups, OpmonFaulty faulty) {
        this.faulty = faulty;
        this.anomalies = anomalies;
        this.quarantine = quarantine;
        this.rollups = rollups;
    }

    public record Triage(String status, String note) {
    }

    @Operation(summary = "Anomalies, newest first, filtered by status, kind and period. Any signed-in person; departments see those involving their own organisation.")
    @GetMapping("/anomalies")
    @PreAuthorize(Access.ANY_USER)
    public Mono<PageResult<Anomaly>> anomalies(CurrentUser user, @RequestParam(required = false) String status,
                                               @RequestParam(required = false) String kind,
                                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                               @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return anomalies.find(user, status == null || status.isBlank() ? null : status(status),
                kind == null || kind.isBlank() ? null : kind(kind),
                from == null ? null : ExchangeController.time("from", from), to == null ? null : ExchangeController.time("to", to),
                PageRequest.of(page, size));
    }

    @Operation(summary = "Triage an anomaly: ACKNOWLEDGED (being handled) or NORMAL (explained), with a note. EGOV_ADMIN only.")
    @PutMapping("/anomalies/{id}")
    @PreAuthorize(Access.ADMIN)
    public Mono<Anomaly> triage(CurrentUser user, @PathVariable long id, @RequestBody Triage triage) {
        Anomaly.Status status = status(triage.status());
        if (triage.note() != null && triage.note().length() > 2000) {
            throw new InvalidInputException(FieldProblem.maxLength("note", triage.note().substring(0, 40) + "…", 2000));
        }
        return anomalies.triage(user, id, status, triage.note());
    }

    /** A constant's exact name, as the API has always required. */
    static Anomaly.Status status(String value) {
        try {
            return Anomaly.Status.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FieldProblem.oneOf("status", value, "NEW, ACKNOWLEDGED, NORMAL"));
        }
    }

    static Anomaly.Kind kind(String value) {
        try {
            return Anomaly.Kind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FieldProblem.oneOf("kind", value, "FAILURE_RATIO, UNUSUAL_TRAFFIC, SILENT_PROVIDER, CLOCK_SKEW, DUPLICATE_MESSAGE_ID"));
        }
    }

    @Operation(summary = "Records waiting in quarantine (unknown organisations or systems), newest first. EGOV_ADMIN and AUDITOR.")
    @GetMapping("/quarantine")
    @PreAuthorize("hasAnyRole('EGOV_ADMIN','AUDITOR')")
    public Mono<PageResult<Quarantine.Item>> quarantine(@RequestParam(defaultValue = "false") boolean includeResolved,
                                                        @RequestParam(required = false) Integer page,
                                                        @RequestParam(required = false) Integer size) {
        return quarantine.list(includeResolved, PageRequest.of(page, size));
    }

    @Operation(summary = "Faulty op-monitoring records (incomplete, of the wrong type or out of bounds) with their reasons, newest first. "
            + "EGOV_ADMIN and AUDITOR.")
    @GetMapping("/opmon/faulty")
    @PreAuthorize("hasAnyRole('EGOV_ADMIN','AUDITOR')")
    public Mono<PageResult<OpmonFaulty.Item>> faulty(@RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size) {
        return faulty.list(PageRequest.of(page, size));
    }

    @Operation(summary = "Re-attribute quarantined records with the current registry mappings. EGOV_ADMIN only.")
    @PostMapping("/quarantine/reprocess")
    @PreAuthorize(Access.ADMIN)
    public Mono<Quarantine.Reprocessed> reprocess(CurrentUser user) {
        return quarantine.reprocess(user.username());
    }

    @Operation(summary = "Bring the hourly, daily and monthly rollups up to date now instead of at the next scheduled round. EGOV_ADMIN only.")
    @PostMapping("/rollups/refresh")
    @PreAuthorize(Access.ADMIN)
    public Mono<Map<String, Integer>> refreshRollups() {
        return rollups.refreshNow().map(hours -> Map.of("hourBuckets", hours));
    }
}
