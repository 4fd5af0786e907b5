package cn.suqian.govshare.connection;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.connection.ConnectionTarget.Probe;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.StorableText;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.ProblemCode;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_STATE;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;

/**
 * Heartbeats pushed by systems behind firewalls that our probes cannot reach. A heartbeat is a successful
 * check (or a failed one, when the system reports itself DOWN) at the time it arrives — the sender's clock
 * is not trusted. One missing for longer than the target's interval × {@code heartbeat_tolerance} is a
 * failure, noted by the probing tick. A token reports for its own organisation's targets; the office for any.
 */
@Service
public class HeartbeatIngest {

    static final int MAX_ITEMS = 1000;
    static final int MAX_MESSAGE = 500;
    static final long MAX_LATENCY_MS = 86_400_000L;

    private final Db db;
    private final ConnectionMonitor monitor;

    HeartbeatIngest(Db db, ConnectionMonitor monitor) {
        this.db = db;
        this.monitor = monitor;
    }

    /** One heartbeat, as accepted. */
    record Heartbeat(String target, boolean up, String message, Integer latencyMs) {
    }

    public record Accepted(int accepted, OffsetDateTime receivedAt) {
    }

    /** Accepts a JSON object or an array of them; all or nothing, every offending field named. */
    public Mono<Accepted> accept(CurrentUser user, JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Heartbeat> beats = parse(body, problems);
        if (!problems.isEmpty()) {
            return Mono.error(new InvalidInputException(problems));
        }
        return db.tx(dsl -> {
            OffsetDateTime now = OffsetDateTime.now();
            Map<String, String[]> known = new HashMap<>();
            dsl.select(CONNECTION_TARGET.CODE, CONNECTION_TARGET.ORGANISATION_CODE, CONNECTION_TARGET.PROBE, CONNECTION_TARGET.INTERVAL_SECONDS)
                    .from(CONNECTION_TARGET)
                    .where(CONNECTION_TARGET.CODE.in(beats.stream().map(Heartbeat::target).toList()))
                    .and(CONNECTION_TARGET.RETIRED_AT.isNull())
                    .forEach(r -> known.put(r.value1(), new String[]{r.value2(), r.value3().name(), String.valueOf(r.value4())}));
            List<FieldProblem> refused = new ArrayList<>();
            for (int i = 0; i < beats.size(); i++) {
                String[] t = known.get(beats.get(i).target());
                boolean mayReport = t != null && (user.role() == Role.EGOV_ADMIN || t[0].equals(user.organisationCode()));
                if (!mayReport) {
                    refused.add(FieldProblem.of(field(body, i, "target"), beats.get(i).target(), ProblemCode.UNKNOWN_CONNECTION_TARGET));
                } else if (!Probe.HEARTBEAT.name().equals(t[1])) {
                    refused.add(FieldProblem.of(field(body, i, "target"), beats.get(i).target(), ProblemCode.NOT_HEARTBEAT_TARGET));
                }
            }
            if (!refused.isEmpty()) {
                throw new InvalidInputException(refused);
            }
            double tolerance = ConnectionSettings.read(dsl).heartbeatTolerance();
            List<CheckResult> results = new ArrayList<>();
            // several heartbeats for one target in one request are one check each, a millisecond apart
            for (int i = 0; i < beats.size(); i++) {
                Heartbeat b = beats.get(i);
                OffsetDateTime at = now.plusNanos(i * 1_000_000L);
                results.add(b.up() ? CheckResult.success(b.target(), at, b.latencyMs() == null ? 0 : b.latencyMs(), null, null, b.message(),
                        CheckSource.HEARTBEAT)
                        : CheckResult.failure(b.target(), at, CheckCause.REPORTED_DOWN, b.message(), b.latencyMs(), null, CheckSource.HEARTBEAT));
            }
            monitor.record(dsl, results);
            for (Heartbeat b : beats) {
                int interval = Integer.parseInt(known.get(b.target())[2]);
                dsl.update(CONNECTION_STATE).set(CONNECTION_STATE.LAST_HEARTBEAT_AT, now)
                        .set(CONNECTION_STATE.NEXT_DUE_AT, now.plusSeconds(Math.round(interval * tolerance)))
                        .where(CONNECTION_STATE.TARGET_CODE.eq(b.target())).execute();
            }
            return new Accepted(beats.size(), now);
        });
    }

    static List<Heartbeat> parse(JsonNode body, List<FieldProblem> problems) {
        List<JsonNode> items = new ArrayList<>();
        if (body == null || !(body.isArray() || body.isObject())) {
            problems.add(FieldProblem.of("body", null, ProblemCode.BATCH_SHAPE));
            return List.of();
        }
        if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        if (items.isEmpty()) {
            problems.add(FieldProblem.of("body", null, ProblemCode.NO_RECORDS));
        }
        if (items.size() > MAX_ITEMS) {
            problems.add(FieldProblem.of("body", items.size(), ProblemCode.TOO_MANY_RECORDS, MAX_ITEMS));
            return List.of();
        }
        List<Heartbeat> beats = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode n = items.get(i);
            if (!n.isObject()) {
                problems.add(FieldProblem.of(field(body, i, ""), null, ProblemCode.NOT_JSON_OBJECT));
                continue;
            }
            String target = n.path("target").isString() ? n.path("target").asString() : null;
            if (target == null || target.isBlank()) {
                problems.add(FieldProblem.required(field(body, i, "target")));
            } else if (target.length() > 64) {
                problems.add(FieldProblem.maxLength(field(body, i, "target"), target, 64));
            } else if (!StorableText.storable(target)) {
                problems.add(FieldProblem.of(field(body, i, "target"), target, ProblemCode.INVALID_CHARACTER));
                target = null;
            }
            JsonNode status = n.path("status");
            boolean up = true;
            if (!status.isMissingNode() && !status.isNull()) {
                String s = status.isString() ? status.asString() : null;
                if (!"UP".equals(s) && !"DOWN".equals(s)) {
                    problems.add(FieldProblem.oneOf(field(body, i, "status"), status.toString(), "UP, DOWN"));
                }
                up = !"DOWN".equals(s);
            }
            JsonNode m = n.path("message");
            String message = null;
            if (!m.isMissingNode() && !m.isNull()) {
                if (!m.isString()) {
                    problems.add(FieldProblem.of(field(body, i, "message"), m.toString(), ProblemCode.INVALID_VALUE));
                } else if (!StorableText.storable(m.asString())) {
                    problems.add(FieldProblem.of(field(body, i, "message"), m.asString(), ProblemCode.INVALID_CHARACTER));
                } else if (m.asString().length() > MAX_MESSAGE) {
                    problems.add(FieldProblem.maxLength(field(body, i, "message"), m.asString().substring(0, 40) + "…", MAX_MESSAGE));
                } else {
                    message = m.asString();
                }
            }
            JsonNode l = n.path("latencyMs");
            Integer latency = null;
            if (!l.isMissingNode() && !l.isNull()) {
                if (!l.isIntegralNumber() || l.asLong() < 0 || l.asLong() > MAX_LATENCY_MS) {
                    problems.add(FieldProblem.between(field(body, i, "latencyMs"), l.toString(), 0, MAX_LATENCY_MS));
                } else {
                    latency = (int) l.asLong();
                }
            }
            for (var name : n.propertyNames()) {
                if (!List.of("target", "status", "message", "latencyMs").contains(name)) {
                    problems.add(FieldProblem.of(field(body, i, name), null, ProblemCode.UNKNOWN_COLUMN));
                }
            }
            beats.add(new Heartbeat(target, up, message, latency));
        }
        return beats;
    }

    private static String field(JsonNode body, int i, String name) {
        String prefix = body.isArray() ? "[" + i + "]" : "";
        return name.isEmpty() ? (prefix.isEmpty() ? "body" : prefix) : prefix.isEmpty() ? name : prefix + "." + name;
    }
}
