package cn.suqian.govshare.connection;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.inventory.Inventory;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_STATE;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;

/**
 * "Connected" as a measured fact, the published API other capabilities read (eligibility rule R1, the
 * assessment's 网络通 indicators, zombie candidates). A system is connected to the platform in a period when
 * it is registered on it (it has a front-end processor or interface target) and its targets' availability
 * over the period reaches {@code connected_threshold_percent}. Not registered, or registered without a single
 * measured second, is said as such — never as connected or as not connected. The evidence travels with the
 * fact; the inventory's self-declared connection date is shown beside it, and disagreement flagged.
 */
@Service
public class ConnectionFacts {

    public enum Connectedness { CONNECTED, NOT_CONNECTED, NOT_REGISTERED, NO_DATA }

    /** One target's part of the evidence. */
    public record TargetEvidence(String targetCode, String name, ConnectionTarget.Kind kind, ConnectionStatus status,
                                 OffsetDateTime lastSuccessAt, OffsetDateTime observedSince, Double availability, int incidents) {
    }

    public record SystemConnection(String systemCode, String systemName, String organisationCode, Connectedness connectedness,
                                   Double availability, double thresholdPercent, LocalDate from, LocalDate to, List<TargetEvidence> targets,
                                   int incidents, LocalDate declaredConnectedOn, boolean disagreement) {
    }

    /** What connection monitoring knows of a system's activity, for zombie candidates. */
    public record Activity(String systemCode, int targets, int targetsDown, OffsetDateTime lastSuccessAt, OffsetDateTime observedSince) {
    }

    private final Db db;
    private final ConnectionQueries queries;
    private final Inventory inventory;

    ConnectionFacts(Db db, ConnectionQueries queries, Inventory inventory) {
        this.db = db;
        this.queries = queries;
        this.inventory = inventory;
    }

    /** Every active system of the organisation (departments: own) with its measured and declared connection, for [from, to). */
    public Mono<List<SystemConnection>> connected(CurrentUser user, String organisation, LocalDate from, LocalDate to) {
        String org = ConnectionQueries.scope(user, organisation);
        return db.tx(dsl -> new ArrayList<>(connected(dsl, from, to).values().stream()
                .filter(s -> org == null || org.equals(s.organisationCode())).toList()));
    }

    /** The same for every active system, inside the caller's transaction, by system code. */
    public Map<String, SystemConnection> connected(DSLContext dsl, LocalDate from, LocalDate to) {
        double threshold = ConnectionSettings.read(dsl).connectedThresholdPercent();
        var report = queries.availability(dsl, ConnectionQueries.GroupBy.TARGET, ConnectionQueries.Granularity.DAY, from, to,
                null, null, null, null, true);
        Map<String, ConnectionQueries.AvailabilityTotal> byTarget = new HashMap<>();
        report.totals().forEach(t -> byTarget.put(t.key(), t));
        Map<String, List<TargetEvidence>> evidence = new HashMap<>();
        Map<String, long[]> sums = new HashMap<>();
        dsl.select(CONNECTION_TARGET.CODE, CONNECTION_TARGET.NAME, CONNECTION_TARGET.KIND, CONNECTION_TARGET.SYSTEM_CODE,
                        CONNECTION_STATE.STATUS, CONNECTION_STATE.LAST_SUCCESS_AT, CONNECTION_TARGET.CREATED_AT)
                .from(CONNECTION_TARGET).leftJoin(CONNECTION_STATE).on(CONNECTION_STATE.TARGET_CODE.eq(CONNECTION_TARGET.CODE))
                .where(CONNECTION_TARGET.RETIRED_AT.isNull()).and(CONNECTION_TARGET.ENABLED.isTrue())
                .and(CONNECTION_TARGET.KIND.ne(ConnectionTarget.Kind.PROVINCIAL_LINK))
                .orderBy(CONNECTION_TARGET.CODE)
                .forEach(r -> {
                    var a = byTarget.get(r.value1());
                    evidence.computeIfAbsent(r.value4(), k -> new ArrayList<>()).add(new TargetEvidence(r.value1(), r.value2(), r.value3(),
                            r.value5() == null ? ConnectionStatus.UNKNOWN : r.value5(), r.value6(), r.value7(),
                            a == null ? null : a.availability(), a == null ? 0 : a.incidents()));
                    long[] s = sums.computeIfAbsent(r.value4(), k -> new long[3]);
                    if (a != null) {
                        s[0] += a.upSeconds();
                        s[1] += a.downSeconds();
                        s[2] += a.incidents();
                    }
                });
        Map<String, LocalDate> declared = inventory.declaredConnections(dsl);
        Map<String, SystemConnection> out = new LinkedHashMap<>();
        for (Inventory.SystemRef s : inventory.active(dsl)) {
            List<TargetEvidence> targets = evidence.getOrDefault(s.code(), List.of());
            long[] sum = sums.getOrDefault(s.code(), new long[3]);
            Double availability = ConnectionQueries.ratio(sum[0], sum[1]);
            Connectedness c = targets.isEmpty() ? Connectedness.NOT_REGISTERED
                    : availability == null ? Connectedness.NO_DATA
                    : availability * 100 >= threshold ? Connectedness.CONNECTED : Connectedness.NOT_CONNECTED;
            LocalDate declaredOn = declared.get(s.code());
            boolean disagreement = (declaredOn != null && (c == Connectedness.NOT_CONNECTED || c == Connectedness.NOT_REGISTERED))
                    || (declaredOn == null && c == Connectedness.CONNECTED);
            out.put(s.code(), new SystemConnection(s.code(), s.name(), s.organisationCode(), c, availability, threshold, from, to, targets,
                    (int) sum[2], declaredOn, disagreement));
        }
        return out;
    }

    /** An organisation's measured availability and incidents over a period (all its targets together). */
    public record OrganisationAvailability(String organisationCode, LocalDate from, LocalDate to, Double availability, long upSeconds,
                                           long downSeconds, long unknownSeconds, int incidents) {
    }

    /** The organisation's availability over [from, to), inside the caller's transaction; availability null when nothing was measured. */
    public OrganisationAvailability availability(DSLContext dsl, String organisation, LocalDate from, LocalDate to) {
        var report = queries.availability(dsl, ConnectionQueries.GroupBy.ORGANISATION, ConnectionQueries.Granularity.YEAR, from, to,
                organisation, null, null, null, true);
        return report.totals().stream().filter(t -> organisation.equals(t.key())).findFirst()
                .map(t -> new OrganisationAvailability(organisation, from, to, t.availability(), t.upSeconds(), t.downSeconds(),
                        t.unknownSeconds(), t.incidents()))
                .orElse(new OrganisationAvailability(organisation, from, to, null, 0, 0, 0, 0));
    }

    /** Every organisation's availability over [from, to) in one read (the yearly assessment), by organisation code; absent: nothing measured. */
    public Map<String, OrganisationAvailability> availabilities(DSLContext dsl, LocalDate from, LocalDate to) {
        var report = queries.availability(dsl, ConnectionQueries.GroupBy.ORGANISATION, ConnectionQueries.Granularity.YEAR, from, to,
                null, null, null, null, true);
        Map<String, OrganisationAvailability> out = new HashMap<>();
        report.totals().forEach(t -> out.put(t.key(), new OrganisationAvailability(t.key(), from, to, t.availability(), t.upSeconds(),
                t.downSeconds(), t.unknownSeconds(), t.incidents())));
        return out;
    }

    /** Per system with targets: how many, the last successful probe or heartbeat, and since when they are watched. */
    public Map<String, Activity> activity(DSLContext dsl) {
        Map<String, Activity> out = new HashMap<>();
        dsl.select(CONNECTION_TARGET.SYSTEM_CODE, org.jooq.impl.DSL.count(), org.jooq.impl.DSL.max(CONNECTION_STATE.LAST_SUCCESS_AT),
                        org.jooq.impl.DSL.min(CONNECTION_TARGET.CREATED_AT),
                        org.jooq.impl.DSL.count().filterWhere(CONNECTION_STATE.STATUS.eq(ConnectionStatus.DOWN)))
                .from(CONNECTION_TARGET).leftJoin(CONNECTION_STATE).on(CONNECTION_STATE.TARGET_CODE.eq(CONNECTION_TARGET.CODE))
                .where(CONNECTION_TARGET.RETIRED_AT.isNull()).and(CONNECTION_TARGET.ENABLED.isTrue())
                .groupBy(CONNECTION_TARGET.SYSTEM_CODE)
                .forEach(r -> out.put(r.value1(), new Activity(r.value1(), r.value2(), r.value5(), r.value3(), r.value4())));
        return out;
    }

    /** Systems owning a provincial-link target: the platform itself (infrastructure for zombie rules). */
    public java.util.Set<String> platformSystems(DSLContext dsl) {
        return new java.util.HashSet<>(dsl.selectDistinct(CONNECTION_TARGET.SYSTEM_CODE).from(CONNECTION_TARGET)
                .where(CONNECTION_TARGET.KIND.eq(ConnectionTarget.Kind.PROVINCIAL_LINK)).and(CONNECTION_TARGET.RETIRED_AT.isNull())
                .fetch(CONNECTION_TARGET.SYSTEM_CODE));
    }

    /** Availability of the provincial link over [from, to), from the rollups; null when nothing was measured up or down. */
    public Double provincialLinkAvailability(DSLContext dsl, LocalDate from, LocalDate to) {
        var report = queries.availability(dsl, ConnectionQueries.GroupBy.TARGET, ConnectionQueries.Granularity.DAY, from, to,
                null, null, null, ConnectionTarget.Kind.PROVINCIAL_LINK, true);
        long up = 0;
        long down = 0;
        for (var t : report.totals()) {
            up += t.upSeconds();
            down += t.downSeconds();
        }
        return ConnectionQueries.ratio(up, down);
    }

    /** What changed last in connection monitoring, cheap to ask every second (live pages compare it with the previous answer). */
    public record Change(long lastIncidentId, int openIncidents, OffsetDateTime lastCheckAt) {
    }

    public Change change(DSLContext dsl) {
        var i = dsl.select(org.jooq.impl.DSL.max(cn.suqian.govshare.db.schema.Tables.CONNECTION_INCIDENT.ID),
                        org.jooq.impl.DSL.count().filterWhere(cn.suqian.govshare.db.schema.Tables.CONNECTION_INCIDENT.ENDED_AT.isNull()))
                .from(cn.suqian.govshare.db.schema.Tables.CONNECTION_INCIDENT).fetchOne();
        OffsetDateTime lastCheck = dsl.select(org.jooq.impl.DSL.max(CONNECTION_STATE.LAST_CHECK_AT)).from(CONNECTION_STATE).fetchOne(0, OffsetDateTime.class);
        return new Change(i == null || i.value1() == null ? 0 : i.value1(), i == null ? 0 : i.value2(), lastCheck);
    }

    /**
     * Up and down seconds of the platform connections (front-end processors and interfaces, not the provincial link) over
     * [from, to) per organisation, from the rollups; maintenance and unknown time are in neither.
     */
    public Map<String, long[]> platformSeconds(DSLContext dsl, LocalDate from, LocalDate to) {
        Map<String, long[]> out = new HashMap<>();
        for (ConnectionTarget.Kind kind : List.of(ConnectionTarget.Kind.FRONT_END_PROCESSOR, ConnectionTarget.Kind.INTERFACE)) {
            var report = queries.availability(dsl, ConnectionQueries.GroupBy.ORGANISATION, ConnectionQueries.Granularity.DAY, from, to,
                    null, null, null, kind, true);
            for (var t : report.totals()) {
                long[] s = out.computeIfAbsent(t.key(), k -> new long[2]);
                s[0] += t.upSeconds();
                s[1] += t.downSeconds();
            }
        }
        return out;
    }
}
