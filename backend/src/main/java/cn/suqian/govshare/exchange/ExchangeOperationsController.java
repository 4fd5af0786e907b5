package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.RawJson;
import io.swagger.v3.oas.annotations.Operation;
import org.jooq.Condition;
import org.jooq.impl.DSL;
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

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ANOMALY;

/** Anomalies and their triage, the quarantine, and zombie candidates. */
@RestController
@RequestMapping("/api/v1/exchange")
class ExchangeOperationsController {

    private final Db db;
    private final Quarantine quarantine;
    private final Zombies zombies;
    private final ExchangeRollups rollups;

    ExchangeOperationsController(Db db, Quarantine quarantine, Zombies zombies, ExchangeRollups rollups) {
        this.db = db;
        this.quarantine = quarantine;
        this.zombies = zombies;
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
        List<Condition> where = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            where.add(EXCHANGE_ANOMALY.STATUS.eq(status(status)));
        }
        if (kind != null && !kind.isBlank()) {
            where.add(EXCHANGE_ANOMALY.KIND.eq(kind(kind)));
        }
        if (from != null) {
            where.add(EXCHANGE_ANOMALY.PERIOD_END.gt(ExchangeController.time("from", from)));
        }
        if (to != null) {
            where.add(EXCHANGE_ANOMALY.PERIOD_START.lt(ExchangeController.time("to", to)));
        }
        user.organisationScope().ifPresent(own ->
                where.add(EXCHANGE_ANOMALY.PROVIDER_CODE.eq(own).or(EXCHANGE_ANOMALY.CONSUMER_CODE.eq(own))));
        PageRequest p = PageRequest.of(page, size);
        return db.tx(dsl -> {
            long total = dsl.fetchCount(EXCHANGE_ANOMALY, DSL.and(where));
            var items = dsl.selectFrom(EXCHANGE_ANOMALY).where(where)
                    .orderBy(EXCHANGE_ANOMALY.PERIOD_START.desc(), EXCHANGE_ANOMALY.ID.desc()).limit(p.size()).offset(p.offset())
                    .fetch(ExchangeOperationsController::anomaly);
            return new PageResult<>(items, total, p.page(), p.size());
        });
    }

    @Operation(summary = "Triage an anomaly: ACKNOWLEDGED (being handled) or NORMAL (explained), with a note. EGOV_ADMIN only.")
    @PutMapping("/anomalies/{id}")
    @PreAuthorize(Access.ADMIN)
    public Mono<Anomaly> triage(CurrentUser user, @PathVariable long id, @RequestBody Triage triage) {
        Anomaly.Status status = status(triage.status());
        if (triage.note() != null && triage.note().length() > 2000) {
            throw new InvalidInputException("note", triage.note().substring(0, 40) + "…", "at most 2000 characters");
        }
        return db.tx(dsl -> {
            int n = dsl.update(EXCHANGE_ANOMALY).set(EXCHANGE_ANOMALY.STATUS, status)
                    .set(EXCHANGE_ANOMALY.NOTE, triage.note()).set(EXCHANGE_ANOMALY.TRIAGED_BY, user.username())
                    .set(EXCHANGE_ANOMALY.TRIAGED_AT, OffsetDateTime.now()).where(EXCHANGE_ANOMALY.ID.eq(id)).execute();
            if (n == 0) {
                throw new NotFoundException("anomaly", id);
            }
            return anomaly(dsl.selectFrom(EXCHANGE_ANOMALY).where(EXCHANGE_ANOMALY.ID.eq(id)).fetchOne());
        });
    }

    /** A constant's exact name, as the API has always required. */
    static Anomaly.Status status(String value) {
        try {
            return Anomaly.Status.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", value, "NEW, ACKNOWLEDGED or NORMAL");
        }
    }

    static Anomaly.Kind kind(String value) {
        try {
            return Anomaly.Kind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind", value, "FAILURE_RATIO, UNUSUAL_TRAFFIC, SILENT_PROVIDER, CLOCK_SKEW, DUPLICATE_MESSAGE_ID");
        }
    }

    static Anomaly anomaly(cn.suqian.govshare.db.schema.tables.records.ExchangeAnomalyRecord r) {
        return new Anomaly(r.getId(), r.getKind(), r.getPeriodStart(), r.getPeriodEnd(), r.getProviderCode(), r.getConsumerCode(),
                r.getResource(), RawJson.of(r.getDetail()), r.getStatus(), r.getDetectedAt(), r.getTriagedBy(), r.getNote());
    }

    @Operation(summary = "Records waiting in quarantine (unknown organisations or systems), newest first. EGOV_ADMIN and AUDITOR.")
    @GetMapping("/quarantine")
    @PreAuthorize("hasAnyRole('EGOV_ADMIN','AUDITOR')")
    public Mono<PageResult<Quarantine.Item>> quarantine(@RequestParam(defaultValue = "false") boolean includeResolved,
                                                        @RequestParam(required = false) Integer page,
                                                        @RequestParam(required = false) Integer size) {
        PageRequest p = PageRequest.of(page, size);
        return db.tx(dsl -> quarantine.list(dsl, includeResolved, p));
    }

    @Operation(summary = "Re-attribute quarantined records with the current registry mappings. EGOV_ADMIN only.")
    @PostMapping("/quarantine/reprocess")
    @PreAuthorize(Access.ADMIN)
    public Mono<Quarantine.Reprocessed> reprocess(CurrentUser user) {
        return db.tx(dsl -> quarantine.reprocess(dsl, user.username()));
    }

    @Operation(summary = "Bring the hourly, daily and monthly rollups up to date now instead of at the next scheduled round. EGOV_ADMIN only.")
    @PostMapping("/rollups/refresh")
    @PreAuthorize(Access.ADMIN)
    public Mono<Map<String, Integer>> refreshRollups() {
        return Mono.fromCallable(() -> Map.of("hourBuckets", rollups.refresh())).subscribeOn(db.scheduler());
    }

    @Operation(summary = "Zombie candidates: systems with no exchange traffic over the configured period, with the evidence. "
            + "Any signed-in person; departments see their own.")
    @GetMapping("/zombies")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Zombies.Report> zombies(CurrentUser user, @RequestParam(required = false) String organisation) {
        String org = ExchangeController.scope(user, organisation);
        return db.tx(dsl -> zombies.find(dsl, OffsetDateTime.now(), org));
    }
}
