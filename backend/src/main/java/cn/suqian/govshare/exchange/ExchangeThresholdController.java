package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.Access;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.List;

/** The anomaly and zombie thresholds, for the form on the exchange page. */
@RestController
@RequestMapping("/api/v1/exchange/thresholds")
class ExchangeThresholdController {

    private final ExchangeThresholds thresholds;

    ExchangeThresholdController(ExchangeThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public record ThresholdChange(BigDecimal value) {
    }

    @Operation(summary = "The thresholds anomaly detection and zombie candidates use. Any signed-in person.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<ExchangeThresholds.Threshold>> list() {
        return thresholds.list();
    }

    @Operation(summary = "Change one threshold (audited); it applies from the next detection round. EGOV_ADMIN only.")
    @PutMapping("/{name}")
    @PreAuthorize(Access.ADMIN)
    public Mono<ExchangeThresholds.Threshold> set(@PathVariable String name, @RequestBody ThresholdChange change) {
        return thresholds.set(name, change == null ? null : change.value());
    }
}
