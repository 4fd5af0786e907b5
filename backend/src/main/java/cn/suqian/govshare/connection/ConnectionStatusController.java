package cn.suqian.govshare.connection;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.record.Params;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Connection status over HTTP: status, incidents, availability, maintenance windows, heartbeats, the
 * measured "connected" fact, probe settings of a target, and the office's notification settings.
 * Reads for everyone signed in (departments: their own organisation); heartbeats for ingest tokens.
 */
@RestController
@RequestMapping("/api/v1/connections")
class ConnectionStatusController {

    private final ConnectionQueries queries;
    private final MaintenanceWindows maintenance;
    private final HeartbeatIngest heartbeats;
    private final ConnectionFacts facts;
    private final ConnectionAdministration administration;

    ConnectionStatusController(ConnectionQueries queries, MaintenanceWindows maintenance, HeartbeatIngest heartbeats, ConnectionFacts facts,
                               ConnectionAdministration administration) {
        this.queries = queries;
        this.maintenance = maintenance;
        this.heartbeats = heartbeats;
        this.facts = facts;
        this.administration = administration;
    }

    @Operation(summary = "Every target's current state (UP, DOWN, UNKNOWN), last check, latency, open incident, maintenance now; "
            + "organisation and kind filters. Any signed-in person; departments see their own.")
    @GetMapping("/status")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ConnectionQueries.StatusReport> status(CurrentUser user, @RequestParam(required = false) String organisation,
                                                       @RequestParam(required = false) String kind) {
        return queries.status(user, organisation, Params.enumOf("kind", kind, ConnectionTarget.Kind.class));
    }

    @Operation(summary = "One target: state, probe settings, the last day's latency per minute, availability today / this month / this year, "
            + "incidents and maintenance windows. Any signed-in person; departments their own (404 otherwise).")
    @GetMapping("/status/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ConnectionQueries.TargetDetail> detail(CurrentUser user, @PathVariable String code) {
        return queries.detail(user, code);
    }

    @Operation(summary = "Incidents, newest first: organisation, target, kind, open=true|false, from/to (ISO-8601) filters; paged. "
            + "Any signed-in person; departments see their own.")
    @GetMapping("/incidents")
    @PreAuthorize(Access.ANY_USER)
    public Mono<PageResult<ConnectionQueries.Incident>> incidents(CurrentUser user, @RequestParam(required = false) String organisation,
                                                                  @RequestParam(required = false) String target,
                                                                  @RequestParam(required = false) String kind,
                                                                  @RequestParam(required = false) Boolean open,
                                                                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                                                  @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return queries.incidents(user, organisation, target, Params.enumOf("kind", kind, ConnectionTarget.Kind.class), open,
                time("from", from), time("to", to), PageRequest.of(page, size));
    }

    @Operation(summary = "Availability = up / (up + down), maintenance left out, unknown (no data) apart; by=target|system|organisation, "
            + "granularity=day|month|year, from/to dates (to exclusive, at most three years; default: this year), totals with incident count "
            + "and MTTR. Any signed-in person; departments see their own.")
    @GetMapping("/availability")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ConnectionQueries.AvailabilityReport> availability(CurrentUser user,
                                                                   @RequestParam(defaultValue = "organisation") String by,
                                                                   @RequestParam(defaultValue = "day") String granularity,
                                                                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                                                   @RequestParam(required = false) String organisation,
                                                                   @RequestParam(required = false) String system,
                                                                   @RequestParam(required = false) String target,
                                                                   @RequestParam(required = false) String kind,
                                                                   @RequestParam(defaultValue = "false") boolean totalsOnly) {
        LocalDate today = LocalDate.now(cn.suqian.govshare.web.CityCalendar.ZONE);
        LocalDate f = date("from", from, today.withDayOfYear(1));
        LocalDate t = date("to", to, today.withDayOfYear(1).plusYears(1));
        return queries.availability(user, Params.enumOf("by", by.toUpperCase(), ConnectionQueries.GroupBy.class),
                Params.enumOf("granularity", granularity.toUpperCase(), ConnectionQueries.Granularity.class), f, t, organisation, system, target,
                Params.enumOf("kind", kind, ConnectionTarget.Kind.class), totalsOnly);
    }

    @Operation(summary = "Measured connection of every system for a period (from/to dates, default this year): CONNECTED, NOT_CONNECTED, "
            + "NOT_REGISTERED or NO_DATA, with its evidence, beside the inventory's declared connection; disagreement flagged. "
            + "Any signed-in person; departments see their own.")
    @GetMapping("/connected")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<ConnectionFacts.SystemConnection>> connected(CurrentUser user, @RequestParam(required = false) String organisation,
                                                                  @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        LocalDate today = LocalDate.now(cn.suqian.govshare.web.CityCalendar.ZONE);
        return facts.connected(user, organisation, date("from", from, today.withDayOfYear(1)), date("to", to, today.plusDays(1)));
    }

    @Operation(summary = "Maintenance windows (planned, not past, unless includePast=true); organisation and target filters. "
            + "Any signed-in person; departments see their own.")
    @GetMapping("/maintenance")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<MaintenanceWindow>> maintenanceWindows(CurrentUser user, @RequestParam(required = false) String organisation,
                                                            @RequestParam(required = false) String target,
                                                            @RequestParam(defaultValue = "false") boolean includePast) {
        return maintenance.list(user, organisation, target, includePast);
    }

    @Operation(summary = "Plan a maintenance window: ONCE, DAILY or WEEKLY, for a target or a whole organisation. "
            + "EGOV_ADMIN, or DEPARTMENT for its own.")
    @PostMapping("/maintenance")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.EDITORS)
    public Mono<MaintenanceWindow> plan(CurrentUser user, @RequestBody MaintenanceWindow window) {
        return maintenance.create(user, window);
    }

    @Operation(summary = "Cancel a maintenance window (kept, audited). EGOV_ADMIN, or DEPARTMENT for its own.")
    @PostMapping("/maintenance/{id}/cancel")
    @PreAuthorize(Access.EDITORS)
    public Mono<MaintenanceWindow> cancel(CurrentUser user, @PathVariable long id) {
        return maintenance.cancel(user, id);
    }

    @Operation(summary = "Push heartbeats: {\"target\":code, \"status\":\"UP\"|\"DOWN\" (default UP), \"message\":text ≤ 500, "
            + "\"latencyMs\":0..86400000} or an array of up to 1000; the arrival time counts, not the sender's clock. "
            + "INGEST tokens (their own organisation's heartbeat targets) and EGOV_ADMIN.")
    @PostMapping(path = "/heartbeats", consumes = "application/json")
    @PreAuthorize(Access.INGEST)
    public Mono<HeartbeatIngest.Accepted> heartbeat(CurrentUser user, @RequestBody JsonNode body) {
        return heartbeats.accept(user, body);
    }

    @Operation(summary = "Probe settings of a target: expectedStatus (\"200-399\", \"200,204\"), expectedText, timeoutMs, certWarningDays. "
            + "EGOV_ADMIN, or DEPARTMENT owning the target.")
    @PutMapping("/targets/{code}/probe-settings")
    @PreAuthorize(Access.EDITORS)
    public Mono<ConnectionAdministration.ProbeSettings> probeSettings(CurrentUser user, @PathVariable String code,
                                                                      @RequestBody ConnectionAdministration.ProbeSettings settings) {
        return administration.probeSettings(user, code, settings);
    }

    @Operation(summary = "Probe one target now and record the result like any scheduled check. EGOV_ADMIN, or DEPARTMENT owning the target.")
    @PostMapping("/targets/{code}/check")
    @PreAuthorize(Access.EDITORS)
    public Mono<CheckResult> checkNow(CurrentUser user, @PathVariable String code) {
        return administration.checkNow(user, code);
    }

    @Operation(summary = "The thresholds of connection status (heartbeat tolerance, connected threshold, resend interval, jitter, "
            + "raw retention, concurrency, zombie confidence). Any signed-in person.")
    @GetMapping("/settings")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Map<String, java.math.BigDecimal>> settings() {
        return administration.settings();
    }

    @Operation(summary = "Change thresholds (audited); names as listed by GET. EGOV_ADMIN only.")
    @PutMapping("/settings")
    @PreAuthorize(Access.ADMIN)
    public Mono<Map<String, java.math.BigDecimal>> changeSettings(@RequestBody Map<String, java.math.BigDecimal> values) {
        return administration.changeSettings(values);
    }

    @Operation(summary = "Notification channels (secrets never shown). EGOV_ADMIN only.")
    @GetMapping("/notifications/channels")
    @PreAuthorize(Access.ADMIN)
    public Mono<List<NotificationChannel>> channels() {
        return administration.channels();
    }

    @Operation(summary = "Add or replace a notification channel: WEBHOOK, EMAIL (emailTo), WECOM or DINGTALK (url; DingTalk secret optional). "
            + "EGOV_ADMIN only.")
    @PutMapping("/notifications/channels/{code}")
    @PreAuthorize(Access.ADMIN)
    public Mono<NotificationChannel> saveChannel(@PathVariable String code, @RequestBody NotificationChannel channel) {
        return administration.saveChannel(code, channel);
    }

    @Operation(summary = "Subscriptions: which channel hears of which targets or organisations (none: all), for which events. EGOV_ADMIN only.")
    @GetMapping("/notifications/subscriptions")
    @PreAuthorize(Access.ADMIN)
    public Mono<List<ConnectionAdministration.Subscription>> subscriptions() {
        return administration.subscriptions();
    }

    @Operation(summary = "Subscribe a channel to events of a target, an organisation or everything. EGOV_ADMIN only.")
    @PostMapping("/notifications/subscriptions")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<ConnectionAdministration.Subscription> subscribe(@RequestBody ConnectionAdministration.Subscription subscription) {
        return administration.subscribe(subscription);
    }

    @Operation(summary = "Remove a subscription (audited). EGOV_ADMIN only.")
    @PostMapping("/notifications/subscriptions/{id}/remove")
    @PreAuthorize(Access.ADMIN)
    public Mono<Map<String, Object>> unsubscribe(@PathVariable long id) {
        return administration.unsubscribe(id).map(n -> Map.of("removed", n));
    }

    @Operation(summary = "Delivery attempts, newest first: channel, event, status, attempts, response. EGOV_ADMIN only.")
    @GetMapping("/notifications/deliveries")
    @PreAuthorize(Access.ADMIN)
    public Mono<PageResult<NotificationDelivery>> deliveries(@RequestParam(required = false) Long incident,
                                                             @RequestParam(required = false) Integer page,
                                                             @RequestParam(required = false) Integer size) {
        return administration.deliveries(incident, PageRequest.of(page, size));
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(FieldProblem.of(field, value, ProblemCode.DATE_TIME));
        }
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(FieldProblem.of(field, value, ProblemCode.DATE));
        }
    }
}
