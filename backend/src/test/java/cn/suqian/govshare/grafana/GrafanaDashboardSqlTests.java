package cn.suqian.govshare.grafana;

import cn.suqian.govshare.db.TimeSeriesStorage;

import cn.suqian.govshare.scheduling.HeartbeatJob;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every panel query of every dashboard in {@code grafana/dashboards} against the migrated schema,
 * with data in it, after expanding Grafana's macros. Fails on any SQL error, on a time-series panel
 * without a sorted {@code time} column, and on a dashboard whose uid is missing or repeated.
 * New dashboards are covered by dropping their JSON into the folder.
 */
@IntegrationTest
class GrafanaDashboardSqlTests {

    static final Path DASHBOARDS = Path.of("..", "grafana", "dashboards");

    @Autowired
    DataSource dataSource;

    @Autowired
    HeartbeatJob heartbeat;

    @Autowired
    TimeSeriesStorage storage;

    record PanelQuery(String dashboard, String panel, String format, String rawSql) {
    }

    @Test
    void every_panel_query_runs_and_time_series_have_a_sorted_time_column() throws Exception {
        heartbeat.tick(); // make sure the time series hold at least one row
        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES);
        // the data source says timescaledb: true against a TimescaleDB-mode database, and Grafana then
        // expands $__timeGroup to time_bucket: run the form that Grafana would run
        boolean timescaledb = storage.mode() == TimeSeriesStorage.Mode.TIMESCALEDB;
        GrafanaMacros macros = new GrafanaMacros(to.minus(7, ChronoUnit.DAYS), to, timescaledb);
        List<PanelQuery> queries = panelQueries();
        assertThat(queries).isNotEmpty();

        List<String> failures = new ArrayList<>();
        long rowsSeen = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            for (PanelQuery q : queries) {
                String sql = macros.expand(q.rawSql());
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    ResultSetMetaData md = rs.getMetaData();
                    int timeColumn = -1;
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        if (md.getColumnLabel(i).equals("time")) {
                            timeColumn = i;
                        }
                    }
                    if ("time_series".equals(q.format()) && timeColumn < 0) {
                        failures.add(q.dashboard() + " / " + q.panel() + ": time_series panel without a 'time' column");
                        continue;
                    }
                    Object previous = null;
                    while (rs.next()) {
                        rowsSeen++;
                        if (timeColumn > 0 && "time_series".equals(q.format())) {
                            Object current = rs.getObject(timeColumn);
                            if (previous != null && compare(previous, current) > 0) {
                                failures.add(q.dashboard() + " / " + q.panel() + ": 'time' not sorted ascending");
                                break;
                            }
                            previous = current;
                        }
                    }
                } catch (Exception e) {
                    failures.add(q.dashboard() + " / " + q.panel() + ": " + e.getMessage() + "\n" + sql);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(rowsSeen).as("the dashboards show data from the migrated schema").isPositive();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable) a).compareTo(b);
    }

    static List<PanelQuery> panelQueries() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<PanelQuery> queries = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = json.readTree(file.toFile());
                String uid = dashboard.path("uid").asString("");
                assertThat(uid).as(file + " has a fixed uid").isNotBlank();
                assertThat(uids.add(uid)).as("uid " + uid + " is unique").isTrue();
                collect(file.getFileName().toString(), dashboard.path("panels"), queries);
            }
        }
        return queries;
    }

    private static void collect(String dashboard, JsonNode panels, List<PanelQuery> into) {
        for (JsonNode panel : panels) {
            collect(dashboard, panel.path("panels"), into); // rows nest panels
            for (JsonNode target : panel.path("targets")) {
                String sql = target.path("rawSql").asString("");
                if (!sql.isBlank()) {
                    into.add(new PanelQuery(dashboard, panel.path("title").asString(""),
                            target.path("format").asString("time_series"), sql));
                }
            }
        }
    }
}
