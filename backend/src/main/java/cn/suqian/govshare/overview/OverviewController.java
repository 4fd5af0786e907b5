package cn.suqian.govshare.overview;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The leadership overview. Leadership, office, finance and auditors read the whole city (or one organisation);
 * a department reads its own organisation's figures, tasks and alerts, and is refused another's.
 */
@RestController
@RequestMapping("/api/v1/overview")
class OverviewController {

    private final Overview overview;
    private final OverviewLive live;

    OverviewController(Overview overview, OverviewLive live) {
        this.overview = overview;
        this.live = live;
    }

    @Operation(summary = "Headline figures with trend and year-over-year change, from the daily rollup. Any signed-in person; "
            + "DEPARTMENT: own organisation only.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<Overview.Figures> figures(CurrentUser user, @RequestParam(required = false) String organisation) {
        return overview.figures(user, organisation);
    }

    @Operation(summary = "Key tasks as a timeline against their deadlines, days late of missed milestones. Any signed-in person.")
    @GetMapping("/timeline")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<Overview.TimelineTask>> timeline(CurrentUser user) {
        return overview.timeline(user);
    }

    @Operation(summary = "Alerts (open incidents, new anomalies, missed milestones), each with its record's link. Any signed-in person; "
            + "DEPARTMENT: own organisation's.")
    @GetMapping("/alerts")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Overview.Alerts> alerts(CurrentUser user, @RequestParam(required = false, defaultValue = "20") int limit) {
        return overview.alerts(user, Math.max(1, Math.min(limit, 100)));
    }

    @Operation(summary = "Ranking of organisations by the latest published or final assessment (the assessment board: peer groups, movement, "
            + "pillars with their leaders and laggards), or published=false when none is. A draft year is never shown. "
            + "Any signed-in person.")
    @GetMapping("/ranking")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Overview.Ranking> ranking(CurrentUser user) {
        return overview.ranking(user);
    }

    @Operation(summary = "Server-sent events when measurements, incidents, anomalies or figures change; resumes from Last-Event-ID. "
            + "Any signed-in person (events carry no organisation data, only what to reload).")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(Access.ANY_USER)
    public Flux<ServerSentEvent<Object>> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                                @RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
        String id = lastEventId != null ? lastEventId : lastEventIdParam;
        Long parsed = null;
        try {
            parsed = id == null || id.isBlank() ? null : Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            parsed = -1L; // unreadable: resync
        }
        return live.stream(parsed);
    }
}
