package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_THRESHOLD;

/**
 * The thresholds anomaly detection and zombie candidates use, kept as audited rows: read by everyone who
 * sees anomalies, changed by the e-government office from the exchange page. A change applies from the
 * next detection round; the audit trail keeps every earlier value.
 */
@Service
public class ExchangeThresholds {

    /** Thresholds that are shares of a whole (0 to 1). */
    private static final Set<String> RATIOS = Set.of("failure_ratio", "unusual_low_factor");
    /** Thresholds that count calls, weeks, hours or days (whole numbers, at least 1). */
    private static final Set<String> COUNTS = Set.of("failure_min_calls", "unusual_min_baseline", "unusual_weeks", "silent_hours", "zombie_days");

    private final Db db;

    ExchangeThresholds(Db db) {
        this.db = db;
    }

    /** One threshold as stored; its meaning is described in English in the row, and on the page in the reader's language. */
    public record Threshold(String name, BigDecimal value, String description, OffsetDateTime updatedAt) {
    }

    public Mono<List<Threshold>> list() {
        return db.tx(dsl -> dsl.selectFrom(EXCHANGE_THRESHOLD).orderBy(EXCHANGE_THRESHOLD.NAME).fetchInto(Threshold.class));
    }

    public Mono<Threshold> set(String name, BigDecimal value) {
        if (value == null) {
            return Mono.error(new InvalidInputException(FieldProblem.required("value")));
        }
        if (RATIOS.contains(name) && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
            return Mono.error(new InvalidInputException(FieldProblem.of("value", value, ProblemCode.BETWEEN, 0, 1)));
        }
        if (COUNTS.contains(name) && (value.compareTo(BigDecimal.ONE) < 0 || value.stripTrailingZeros().scale() > 0)) {
            return Mono.error(new InvalidInputException(FieldProblem.of("value", value, ProblemCode.AT_LEAST, 1)));
        }
        if (value.signum() < 0) {
            return Mono.error(new InvalidInputException(FieldProblem.of("value", value, ProblemCode.NOT_NEGATIVE)));
        }
        return db.tx(dsl -> {
            int changed = dsl.update(EXCHANGE_THRESHOLD).set(EXCHANGE_THRESHOLD.VALUE, value)
                    .set(EXCHANGE_THRESHOLD.UPDATED_AT, OffsetDateTime.now())
                    .where(EXCHANGE_THRESHOLD.NAME.eq(name)).execute();
            if (changed == 0) {
                throw new NotFoundException("threshold", name);
            }
            return dsl.selectFrom(EXCHANGE_THRESHOLD).where(EXCHANGE_THRESHOLD.NAME.eq(name)).fetchOneInto(Threshold.class);
        });
    }
}
