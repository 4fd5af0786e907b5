package cn.suqian.govshare.exchange;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Zombie candidates (rule R9's evidence): systems in use that must connect to the sharing platform or can
 * be recognised in its traffic (they have exchange aliases), and showed no traffic for the configured
 * number of days (threshold {@code zombie_days}). The report says since when GovShare holds traffic at all
 * ({@code observedSince}), so a young installation's candidates are read for what they are.
 * Connection-probe evidence joins when connection monitoring (issue 4) lands; until then the reason says so.
 */
@Component
public class Zombies {

    public record Candidate(String systemCode, String systemName, String organisationCode, OffsetDateTime lastTraffic,
                            List<String> aliases, String reason) {
    }

    public record Report(int days, OffsetDateTime since, OffsetDateTime observedSince, List<Candidate> items) {
    }

    public Report find(DSLContext dsl, OffsetDateTime now, String organisation) {
        int days = AnomalyDetector.thresholds(dsl).getOrDefault("zombie_days", 180.0).intValue();
        OffsetDateTime since = now.minusDays(days);
        List<Object> binds = new java.util.ArrayList<>(List.of(since));
        String orgFilter = "";
        if (organisation != null) {
            orgFilter = " AND s.organisation_code = ?";
            binds.add(organisation);
        }
        var items = dsl.fetch("""
                SELECT s.code, s.name, s.organisation_code, a.last_seen, s.exchange_aliases, s.must_connect
                FROM information_system s
                LEFT JOIN exchange_system_activity a ON a.system_code = s.code
                WHERE s.retired_at IS NULL AND s.lifecycle_status <> 'RETIRED'
                  AND (s.must_connect OR cardinality(s.exchange_aliases) > 0)
                  AND (a.last_seen IS NULL OR a.last_seen < ?::timestamptz)%s
                ORDER BY a.last_seen NULLS FIRST, s.code""".formatted(orgFilter), binds.toArray())
                .map(r -> {
                    OffsetDateTime last = r.get(3, OffsetDateTime.class);
                    List<String> aliases = List.of((String[]) r.get(4));
                    String reason = (last == null ? "no exchange traffic ever recorded" : "no exchange traffic since " + last.toLocalDate())
                            + (aliases.isEmpty() ? "; no exchange alias registered, so its traffic cannot be recognised" : "")
                            + "; connection probes not yet evaluated";
                    return new Candidate(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class), last, aliases, reason);
                });
        OffsetDateTime observedSince = dsl.fetchValue(org.jooq.impl.DSL.field(
                "(SELECT min(day)::timestamp AT TIME ZONE 'Asia/Shanghai' FROM exchange_daily)", OffsetDateTime.class));
        return new Report(days, since, observedSince, items);
    }
}
