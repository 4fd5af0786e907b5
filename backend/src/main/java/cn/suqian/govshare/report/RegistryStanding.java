package cn.suqian.govshare.report;

import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.report.AnnualReportSection.Period;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registries as they stood at the end of the reported year, for the report's standing figures (systems by
 * status, on the cloud, networks and data rooms remaining, catalogue resources mounted…). The audit trail keeps
 * every row change of the registries with the row's whole state, so the state on 31 December is the state each
 * record's latest change before 1 January recorded; a record changed, retired or added since does not move a
 * past year's figure. Where the registry's recorded history begins after the year ended (GovShare installed,
 * or the registry loaded, later), nothing tells how it stood then: the figures count the registry as it stood
 * when measured and carry that day, which the pages show.
 */
@Component
class RegistryStanding {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() { };

    /** The organisation's records of a registry on {@code asOf}. */
    record Standing(List<Row> rows, LocalDate asOf) {
    }

    /** One record's state: its row's columns by name. */
    record Row(Map<String, Object> columns) {

        String text(String column) {
            Object v = columns.get(column);
            return v == null ? null : v.toString();
        }

        boolean is(String column) {
            return Boolean.TRUE.equals(columns.get(column));
        }

        Integer integer(String column) {
            return columns.get(column) instanceof Number n ? n.intValue() : null;
        }

        LocalDate date(String column) {
            String v = text(column);
            return v == null ? null : LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        }

        OffsetDateTime instant(String column) {
            String v = text(column);
            return v == null ? null : OffsetDateTime.parse(v);
        }

        boolean contains(String column, String value) {
            return columns.get(column) instanceof Collection<?> c && c.contains(value);
        }

        /** Not retired in this state. */
        boolean active() {
            return columns.get("retired_at") == null;
        }
    }

    private final RecordHistory history;

    RegistryStanding(RecordHistory history) {
        this.history = history;
    }

    /**
     * The organisation's records of {@code table} (its owner column {@code organisationColumn}) as they stood at
     * the period's {@code standingAt} when the year was over at measurement and the history reaches back that
     * far; else as they stood when measured.
     */
    Standing of(DSLContext dsl, String table, String organisationColumn, Period p) {
        OffsetDateTime at = p.standingAt();
        boolean over = !p.measuredAt().isBefore(at);
        Optional<OffsetDateTime> start = history.historyStart(dsl, table);
        if (over && start.isPresent() && start.get().isBefore(at)) {
            LocalDate day = at.atZoneSameInstant(AnnualReportSection.ZONE).toLocalDate();
            boolean midnight = at.atZoneSameInstant(AnnualReportSection.ZONE).toLocalTime().equals(LocalTime.MIDNIGHT);
            return new Standing(rows(history.statesBefore(dsl, table, at, organisationColumn, p.organisation())), midnight ? day.minusDays(1) : day);
        }
        return new Standing(rows(history.statesBefore(dsl, table, null, organisationColumn, p.organisation())), p.measuredOn());
    }

    private static List<Row> rows(List<String> states) {
        return states.stream().map(s -> new Row(JSON.readValue(s, ROW))).toList();
    }
}
