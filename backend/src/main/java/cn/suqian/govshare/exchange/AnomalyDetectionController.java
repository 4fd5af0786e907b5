package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;

/** Anomaly detection on demand, for the office that should not wait for the hourly pass. */
@RestController
@RequestMapping("/api/v1/exchange/anomalies")
class AnomalyDetectionController {

    /** The longest period one request judges. */
    static final Duration MAX_PERIOD = Duration.ofDays(31);

    private final AnomalyDetector detector;

    AnomalyDetectionController(AnomalyDetector detector) {
        this.detector = detector;
    }

    @Operation(summary = "Run anomaly detection now over a period (default: the last 24 hours; at most 31 days). Only complete, settled hours "
            + "are judged (judgedUntil); open anomalies whose data changed are judged again and closed as resolved by late data when they no "
            + "longer hold. Returns how many were found and resolved, and the open anomalies of the period. EGOV_ADMIN only.")
    @PostMapping("/detect")
    @PreAuthorize(Access.ADMIN)
    public Mono<AnomalyDetector.Detection> detect(@RequestParam(required = false) String from,
                                                  @RequestParam(required = false) String to) {
        OffsetDateTime end = to == null || to.isBlank() ? OffsetDateTime.now() : ExchangeController.time("to", to);
        OffsetDateTime start = from == null || from.isBlank() ? end.minusHours(24) : ExchangeController.time("from", from);
        if (!end.isAfter(start)) {
            throw new InvalidInputException(FieldProblem.of("to", to, ProblemCode.AFTER_FROM, from));
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidInputException(FieldProblem.between("to", to, 1, MAX_PERIOD.toDays()));
        }
        return detector.detectNow(start, end);
    }
}
