package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_COLLECTOR_RUN;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SOURCE;

/** Pull-collector sources and their run history, for the e-government office. */
@RestController
@RequestMapping("/api/v1/exchange/sources")
class CollectorController {

    private final Db db;

    CollectorController(Db db) {
        this.db = db;
    }

    public record Source(String code, String name, String url, boolean enabled, int intervalSeconds, String cursor,
                         OffsetDateTime nextRunAt, int failures, List<CollectorRun> runs) {
    }

    public record SourceInput(String code, String name, String url, String authHeader, Boolean enabled, Integer intervalSeconds) {
    }

    @Operation(summary = "Collector sources with their latest runs (never the credentials). EGOV_ADMIN only.")
    @GetMapping
    @PreAuthorize(Access.ADMIN)
    public Mono<List<Source>> list() {
        return db.tx(dsl -> dsl.selectFrom(EXCHANGE_SOURCE).orderBy(EXCHANGE_SOURCE.CODE).fetch(s -> new Source(s.getCode(), s.getName(),
                s.getUrl(), s.getEnabled(), s.getIntervalSeconds(), s.getCursor(), s.getNextRunAt(), s.getFailures(),
                dsl.selectFrom(EXCHANGE_COLLECTOR_RUN).where(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE.eq(s.getCode()))
                        .orderBy(EXCHANGE_COLLECTOR_RUN.ID.desc()).limit(20).fetch(CollectorController::run))));
    }

    @Operation(summary = "Run history of one source, newest first. EGOV_ADMIN only.")
    @GetMapping("/{code}/runs")
    @PreAuthorize(Access.ADMIN)
    public Mono<List<CollectorRun>> runs(@PathVariable String code) {
        return db.tx(dsl -> {
            if (!dsl.fetchExists(EXCHANGE_SOURCE, EXCHANGE_SOURCE.CODE.eq(code))) {
                throw new NotFoundException("collector source", code);
            }
            return dsl.selectFrom(EXCHANGE_COLLECTOR_RUN).where(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE.eq(code))
                    .orderBy(EXCHANGE_COLLECTOR_RUN.ID.desc()).limit(200).fetch(CollectorController::run);
        });
    }

    @Operation(summary = "Add a source to pull interval statistics from. EGOV_ADMIN only.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<Source> create(@RequestBody SourceInput in) {
        validate(in);
        return db.tx(dsl -> {
            if (dsl.fetchExists(EXCHANGE_SOURCE, EXCHANGE_SOURCE.CODE.eq(in.code()))) {
                throw new InvalidInputException("code", in.code(), "already exists");
            }
            dsl.insertInto(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.CODE, in.code()).set(EXCHANGE_SOURCE.NAME, in.name())
                    .set(EXCHANGE_SOURCE.URL, in.url()).set(EXCHANGE_SOURCE.AUTH_HEADER, in.authHeader())
                    .set(EXCHANGE_SOURCE.ENABLED, in.enabled() == null || in.enabled())
                    .set(EXCHANGE_SOURCE.INTERVAL_SECONDS, in.intervalSeconds() == null ? 300 : in.intervalSeconds()).execute();
            var s = dsl.selectFrom(EXCHANGE_SOURCE).where(EXCHANGE_SOURCE.CODE.eq(in.code())).fetchOne();
            return new Source(s.getCode(), s.getName(), s.getUrl(), s.getEnabled(), s.getIntervalSeconds(), s.getCursor(),
                    s.getNextRunAt(), s.getFailures(), List.of());
        });
    }

    @Operation(summary = "Enable or disable a source, or change its name, URL, credentials or interval (the cursor is kept). EGOV_ADMIN only.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.ADMIN)
    public Mono<Source> update(@PathVariable String code, @RequestBody SourceInput in) {
        validate(new SourceInput(code, in.name(), in.url(), in.authHeader(), in.enabled(), in.intervalSeconds()));
        return db.tx(dsl -> {
            int n = dsl.update(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.NAME, in.name()).set(EXCHANGE_SOURCE.URL, in.url())
                    .set(EXCHANGE_SOURCE.AUTH_HEADER, in.authHeader()).set(EXCHANGE_SOURCE.ENABLED, in.enabled() == null || in.enabled())
                    .set(EXCHANGE_SOURCE.INTERVAL_SECONDS, in.intervalSeconds() == null ? 300 : in.intervalSeconds())
                    .set(EXCHANGE_SOURCE.UPDATED_AT, OffsetDateTime.now()).where(EXCHANGE_SOURCE.CODE.eq(code)).execute();
            if (n == 0) {
                throw new NotFoundException("collector source", code);
            }
            var s = dsl.selectFrom(EXCHANGE_SOURCE).where(EXCHANGE_SOURCE.CODE.eq(code)).fetchOne();
            return new Source(s.getCode(), s.getName(), s.getUrl(), s.getEnabled(), s.getIntervalSeconds(), s.getCursor(),
                    s.getNextRunAt(), s.getFailures(), List.of());
        });
    }

    private static void validate(SourceInput in) {
        List<FieldProblem> p = new ArrayList<>();
        if (in.code() == null || !in.code().matches("^[a-z][a-z0-9._-]{1,63}$")) {
            p.add(new FieldProblem("code", in.code(), "2-64 characters: lower-case letters, digits, '.', '_' or '-'"));
        }
        if (in.name() == null || in.name().isBlank()) {
            p.add(new FieldProblem("name", in.name(), "required"));
        }
        try {
            URI uri = URI.create(in.url() == null ? "" : in.url());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                p.add(new FieldProblem("url", in.url(), "an http:// or https:// URL"));
            }
        } catch (IllegalArgumentException e) {
            p.add(new FieldProblem("url", in.url(), "an http:// or https:// URL"));
        }
        if (in.intervalSeconds() != null && (in.intervalSeconds() < 10 || in.intervalSeconds() > 86400)) {
            p.add(new FieldProblem("intervalSeconds", in.intervalSeconds(), "between 10 and 86400"));
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
    }

    static CollectorRun run(cn.suqian.govshare.db.schema.tables.records.ExchangeCollectorRunRecord r) {
        return r.into(CollectorRun.class);
    }
}
