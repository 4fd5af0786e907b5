package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.Inventory;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_DAILY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SYSTEM_ACTIVITY;

/**
 * Zombie candidates (rule R9's evidence): systems in use that must connect to the sharing platform or can
 * be recognised in its traffic (they have exchange aliases), and showed no traffic for the configured
 * number of days (threshold {@code zombie_days}). The report says since when GovShare holds traffic at all
 * ({@code observedSince}), so a young installation's candidates are read for what they are.
 * Connection-probe evidence is not yet part of the reason, and the reason says so.
 */
@Component
public class Zombies {

    private final Db db;
    private final Inventory inventory;

    Zombies(Db db, Inventory inventory) {
        this.db = db;
        this.inventory = inventory;
    }

    public record Candidate(String systemCode, String systemName, String organisationCode, OffsetDateTime lastTraffic,
                            List<String> aliases, String reason) {
    }

    public record Report(int days, OffsetDateTime since, OffsetDateTime observedSince, List<Candidate> items) {
    }

    /** Candidates now, of the organisation asked for (a department: its own), or of all. */
    public Mono<Report> find(CurrentUser user, String organisation) {
        String org = ExchangeReports.scope(user, organisation);
        return db.tx(dsl -> find(dsl, OffsetDateTime.now(), org));
    }

    Report find(DSLContext dsl, OffsetDateTime now, String organisation) {
        int days = AnomalyDetector.thresholds(dsl).getOrDefault("zombie_days", 180.0).intValue();
        OffsetDateTime since = now.minusDays(days);
        Map<String, OffsetDateTime> lastSeen = new HashMap<>();
        dsl.select(EXCHANGE_SYSTEM_ACTIVITY.SYSTEM_CODE, EXCHANGE_SYSTEM_ACTIVITY.LAST_SEEN).from(EXCHANGE_SYSTEM_ACTIVITY)
                .forEach(r -> lastSeen.put(r.value1(), r.value2()));
        var items = inventory.active(dsl).stream()
                .filter(s -> organisation == null || organisation.equals(s.organisationCode()))
                .filter(s -> s.lifecycleStatus() != LifecycleStatus.RETIRED)
                .filter(s -> s.mustConnect() || !s.exchangeAliases().isEmpty())
                .filter(s -> lastSeen.get(s.code()) == null || lastSeen.get(s.code()).isBefore(since))
                .sorted(Comparator.comparing((Inventory.SystemRef s) -> lastSeen.get(s.code()),
                        Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Inventory.SystemRef::code))
                .map(s -> {
                    OffsetDateTime last = lastSeen.get(s.code());
                    List<String> aliases = s.exchangeAliases();
                    String reason = (last == null ? "no exchange traffic ever recorded" : "no exchange traffic since " + last.toLocalDate())
                            + (aliases.isEmpty() ? "; no exchange alias registered, so its traffic cannot be recognised" : "")
                            + "; connection probes not yet evaluated";
                    return new Candidate(s.code(), s.name(), s.organisationCode(), last, aliases, reason);
                })
                .toList();
        LocalDate firstDay = dsl.select(DSL.min(EXCHANGE_DAILY.DAY)).from(EXCHANGE_DAILY).fetchOne().value1();
        OffsetDateTime observedSince = firstDay == null ? null : firstDay.atStartOfDay(PeriodPlan.ZONE).toOffsetDateTime();
        return new Report(days, since, observedSince, items);
    }
}
