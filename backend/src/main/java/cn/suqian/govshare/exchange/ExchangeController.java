package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.Blocking;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.UnsupportedEncodingRefusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exchange metrics: ingest for machine clients (and the e-government office's manual back-fills), and the
 * reading API for everyone signed in — departments see only traffic their own organisation provides or
 * consumes.
 */
@RestController
@RequestMapping("/api/v1/exchange")
class ExchangeController {

    private final ExchangeIngest ingest;
    private final OpmonIngest opmon;
    private final ExchangeReports reports;
    private final ExchangeProperties properties;
    private final Blocking blocking;

    ExchangeController(ExchangeIngest ingest, OpmonIngest opmon, ExchangeReports reports, ExchangeProperties properties,
                       Blocking blocking) {
        this.blocking = blocking;
        this.ingest = ingest;
        this.opmon = opmon;
        this.reports = reports;
        this.properties = properties;
    }

    @Operation(summary = "Push interval statistics. INGEST tokens and EGOV_ADMIN.", description = """
            Body by Content-Type: a JSON array (application/json), NDJSON (application/x-ndjson) or CSV with a header row (text/csv).
            One record: intervalStart (ISO-8601 with offset), intervalSeconds (1-86400), provider and consumer (organisation codes or
            registered exchange aliases), resource (catalogue resource code or interface id), calls, failedCalls, records, bytes,
            latencyMsSum, latencyMsMax (whole numbers >= 0). Re-sending an interval for the same provider, consumer and resource
            replaces it. A batch is all or nothing: any invalid record rejects it with 400 listing every offending record and field.
            Records naming unknown organisations are kept in quarantine, not counted. Optional Idempotency-Key header: repeating a
            batch with the same key returns the first answer and changes nothing. Limits: 32 MiB, 100,000 records per batch.
            Content-Encoding: gzip is accepted (the limit holds decompressed too); other encodings are refused with 415.""")
    @PostMapping(path = "/stats", consumes = {"application/json", "application/x-ndjson", "application/ndjson", "text/csv"})
    @PreAuthorize(Access.INGEST)
    public Mono<ExchangeIngest.BatchResult> stats(CurrentUser user, ServerHttpRequest request,
                                                  @Parameter(description = "makes a repeated batch harmless")
                                                  @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return body(request).flatMap(bytes -> ingest.ingestStats(user.username(), idempotencyKey, bytes, contentType));
    }

    @Operation(summary = "Push X-Road operational-monitoring records. INGEST tokens and EGOV_ADMIN.", description = """
            The {"records":[...]} shape getSecurityServerOperationalData returns, or NDJSON. Old field names (requestSoapSize,
            requestRestSize, responseSoapSize, responseRestSize) and enum values in any letter case are accepted. Client and
            Producer records of one call are paired (same messageId and xRequestId within the pairing window), durations derived,
            duplicates dropped, metaservices kept apart from business traffic, unknown members quarantined. Content-Encoding: gzip is
            accepted (the body limit holds decompressed too); other encodings are refused with 415.""")
    @PostMapping(path = "/opmon", consumes = {"application/json", "application/x-ndjson", "application/ndjson"})
    @PreAuthorize(Access.INGEST)
    public Mono<ExchangeIngest.BatchResult> opmon(CurrentUser user, ServerHttpRequest request,
                                                  @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return body(request).flatMap(bytes -> opmon.ingest(user.username(), idempotencyKey, bytes, contentType));
    }

    @Operation(summary = "Per-organisation traffic for a period: provided and consumed calls, records, bytes, failures, success rate, "
            + "latency; from/to ISO-8601. Any signed-in person; departments see their own organisation.")
    @GetMapping("/summary")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ExchangeQueries.Summary> summary(CurrentUser user, @RequestParam String from, @RequestParam String to,
                                                 @RequestParam(required = false) String organisation) {
        return reports.summary(user, time("from", from), time("to", to), organisation);
    }

    @Operation(summary = "Time series of traffic; granularity hour (up to 3 days), day (up to 120 days) or month. Any signed-in person; departments see their own.")
    @GetMapping("/series")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ExchangeQueries.Series> series(CurrentUser user, @RequestParam String from, @RequestParam String to,
                                               @RequestParam(required = false) String organisation) {
        return reports.series(user, time("from", from), time("to", to), organisation);
    }

    @Operation(summary = "Provider -> consumer flow matrix for a period. Any signed-in person; departments see flows involving their own organisation.")
    @GetMapping("/flows")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Map<String, List<ExchangeQueries.Flow>>> flows(CurrentUser user, @RequestParam String from, @RequestParam String to,
                                                               @RequestParam(required = false) String organisation) {
        return reports.flows(user, time("from", from), time("to", to), organisation).map(flows -> Map.of("flows", flows));
    }

    @Operation(summary = "Most-used resources in a period. Any signed-in person; departments see their own.")
    @GetMapping("/top-resources")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Map<String, List<ExchangeQueries.ResourceFigures>>> topResources(CurrentUser user, @RequestParam String from,
                                                                                @RequestParam String to,
                                                                                @RequestParam(required = false) String organisation,
                                                                                @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > 100) {
            throw new InvalidInputException(FieldProblem.between("limit", limit, 1, 100));
        }
        return reports.topResources(user, time("from", from), time("to", to), organisation, limit)
                .map(resources -> Map.of("resources", resources));
    }

    @Operation(summary = "Calls by month this year against the year before. Any signed-in person; departments see their own.")
    @GetMapping("/year-over-year")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ExchangeQueries.YearOverYear> yearOverYear(CurrentUser user, @RequestParam int year,
                                                           @RequestParam(required = false) String organisation) {
        if (year < 2000 || year > 2100) {
            throw new InvalidInputException(FieldProblem.between("year", year, 2000, 2100));
        }
        return reports.yearOverYear(user, year, organisation);
    }

    static OffsetDateTime time(String field, String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(FieldProblem.of(field, value, ProblemCode.DATE_TIME));
        }
    }

    /**
     * The body in chunks (a batch of records is megabytes: one array would be a humongous object for G1), decompressed
     * when sent with {@code Content-Encoding: gzip} (a batch of records compresses about tenfold); the limit holds for
     * the body as sent and as decompressed. Any other encoding is refused with 415 before the body is read.
     */
    private Mono<BatchBytes> body(ServerHttpRequest request) {
        String encoding = request.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        String name = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("identity")) {
            return BatchBytes.read(request.getBody(), properties.maxBodyBytes());
        }
        if (name.equals("gzip") || name.equals("x-gzip")) {
            return BatchBytes.read(request.getBody(), properties.maxBodyBytes())
                    .flatMap(compressed -> blocking.call(() -> compressed.gunzipped(properties.maxBodyBytes())));
        }
        return Mono.error(new UnsupportedEncodingRefusal(encoding));
    }
}
