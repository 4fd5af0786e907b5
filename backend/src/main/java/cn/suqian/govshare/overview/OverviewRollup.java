package cn.suqian.govshare.overview;

import cn.suqian.govshare.catalogue.Catalogue;
import cn.suqian.govshare.connection.ConnectionFacts;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.exchange.ExchangeQueries;
import cn.suqian.govshare.facility.FacilityFigures;
import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;
import cn.suqian.govshare.inventory.Inventory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes today's headline figures for the city ('') and every organisation from the owning modules' published
 * figures and writes them to {@code overview_figure}, replacing today's row. The window of the measured figures
 * (exchange, availability, connectedness) is the last {@code window-days} whole days, read from their rollups.
 */
@Component
public class OverviewRollup {

    static final ZoneId ZONE = cn.suqian.govshare.web.CityCalendar.ZONE;
    static final String CITY = "";
    private static final Logger log = LoggerFactory.getLogger(OverviewRollup.class);

    private final Db db;
    private final Inventory inventory;
    private final Catalogue catalogue;
    private final FacilityFigures facilities;
    private final ConnectionFacts connection;
    private final ExchangeQueries exchange;
    private final OverviewRepository figures;
    private final OverviewLive live;
    private final Overview overview;
    private final int windowDays;
    private final Clock clock;
    private final boolean schedulingEnabled;

    OverviewRollup(Db db, Inventory inventory, Catalogue catalogue, FacilityFigures facilities, ConnectionFacts connection,
                   ExchangeQueries exchange, OverviewRepository figures, OverviewLive live, Overview overview,
                   @Value("${govshare.overview.window-days:30}") int windowDays,
                   @Value("${govshare.scheduling.enabled:true}") boolean schedulingEnabled) {
        this.schedulingEnabled = schedulingEnabled;
        this.db = db;
        this.inventory = inventory;
        this.catalogue = catalogue;
        this.facilities = facilities;
        this.connection = connection;
        this.exchange = exchange;
        this.figures = figures;
        this.live = live;
        this.overview = overview;
        this.windowDays = windowDays;
        this.clock = Clock.system(ZONE);
    }

    @Scheduled(fixedDelayString = "${govshare.overview.rollup-interval:PT5M}", initialDelayString = "${govshare.overview.rollup-delay:PT20S}")
    @SchedulerLock(name = "overview-rollup", lockAtMostFor = "PT10M")
    public void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Overview rollup failed; the previous figures stay", e);
        }
    }

    /**
     * Once the application is ready (after the start-up runners, the demo city's loaders among them), computes today's
     * figures at once rather than at the next tick, so that a newcomer's first look shows what was just loaded. Off
     * with the scheduler ({@code govshare.scheduling.enabled=false}: tests drive the rollup by hand).
     */
    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        if (schedulingEnabled) {
            Thread.ofVirtual().name("overview-rollup-start").start(this::scheduled);
        }
    }

    /**
     * The demo's exchange back-fill ends minutes after start-up, when the figures computed at start-up (exchange calls 0)
     * would otherwise stand until the next tick: computed again at once.
     */
    @EventListener
    void exchangeBackfilled(cn.suqian.govshare.exchange.ExchangeSimulator.Backfilled event) {
        if (schedulingEnabled) {
            Thread.ofVirtual().name("overview-rollup-backfilled").start(this::scheduled);
        }
    }

    /** Recomputes today's figures; returns how many rows were written. */
    public int refresh() {
        LocalDate today = LocalDate.now(clock);
        int rows = db.inTransaction(Actor.system("overview-rollup"), dsl -> {
            Map<String, Map<Figure, double[]>> computed = compute(dsl, today);
            return figures.replaceDay(dsl, today, computed);
        });
        overview.forget();
        live.publish("figures", Map.of("day", today.toString()));
        return rows;
    }

    /** Per scope ('' = city, else organisation code), per figure: {value, denominator or NaN}; value NaN = no data. */
    Map<String, Map<Figure, double[]>> compute(DSLContext dsl, LocalDate today) {
        LocalDate from = today.minusDays(windowDays);
        Map<String, Map<Figure, double[]>> out = new HashMap<>();
        Acc acc = new Acc(out);

        // inventory, with measured connectedness for must-connect systems
        Map<String, ConnectionFacts.SystemConnection> connected = connection.connected(dsl, from, today);
        for (Inventory.SystemFacts s : inventory.facts(dsl)) {
            String org = s.organisationCode();
            if (s.retired()) {
                acc.add(org, Figure.ZOMBIES_CLEANED, s.lifecycleStatus() == LifecycleStatus.RETIRED ? 1 : 0, Double.NaN);
                continue;
            }
            acc.add(org, Figure.SYSTEMS_ACTIVE, 1, Double.NaN);
            acc.add(org, Figure.SYSTEMS_ON_EXTRANET, s.network() == NetworkType.EGOV_EXTRANET ? 1 : 0, 1);
            acc.add(org, Figure.SYSTEMS_ON_GOV_CLOUD, s.deployment() == Deployment.GOV_CLOUD ? 1 : 0, 1);
            boolean zombie = s.lifecycleStatus() == LifecycleStatus.ZOMBIE || s.lifecycleStatus() == LifecycleStatus.TO_CLEAN_UP;
            acc.add(org, Figure.ZOMBIES_FOUND, zombie ? 1 : 0, Double.NaN);
            // measured connectedness; a system whose targets sent nothing in the window is unknown: neither connected nor
            // unconnected, left out of the figure's denominator (no data is never a pass or a fail)
            boolean unconnected = false;
            if (s.mustConnect()) {
                var c = connected.get(s.code());
                var how = c == null ? ConnectionFacts.Connectedness.NO_DATA : c.connectedness();
                if (how != ConnectionFacts.Connectedness.NO_DATA) {
                    boolean isConnected = how == ConnectionFacts.Connectedness.CONNECTED;
                    unconnected = !isConnected;
                    acc.add(org, Figure.MUST_CONNECT_CONNECTED, isConnected ? 1 : 0, 1);
                } else { // counted apart, so the page can say how many the percentage leaves out
                    acc.add(org, Figure.MUST_CONNECT_UNMEASURED, 1, Double.NaN);
                }
            }
            double cost = s.annualOmCost() == null ? 0 : s.annualOmCost().doubleValue();
            boolean wasted = zombie || unconnected;
            acc.add(org, Figure.OM_ON_ZOMBIE_OR_UNCONNECTED, wasted ? cost : 0, cost);
        }
        acc.ensure(Figure.ZOMBIES_CLEANED);
        acc.ensure(Figure.MUST_CONNECT_UNMEASURED);
        out.computeIfAbsent(CITY, k -> new EnumMap<>(Figure.class)).putIfAbsent(Figure.MUST_CONNECT_CONNECTED, new double[]{Double.NaN, Double.NaN});

        for (var n : facilities.privateNetworks(dsl)) {
            acc.add(n.organisationCode(), Figure.PRIVATE_NETWORKS_LEFT, n.left() ? 1 : 0, 1);
        }
        acc.ensure(Figure.PRIVATE_NETWORKS_LEFT);
        for (var r : facilities.dataRooms(dsl)) {
            acc.add(r.organisationCode(), Figure.DATA_ROOMS_LEFT, r.left() ? 1 : 0, 1);
        }
        acc.ensure(Figure.DATA_ROOMS_LEFT);

        // catalogue, and the five base databases each fed by at least one mounted resource
        Map<String, Set<String>> basesByScope = new HashMap<>();
        for (Catalogue.ResourceFacts r : catalogue.facts(dsl)) {
            String org = r.providerOrganisationCode();
            acc.add(org, Figure.CATALOGUE_COMPILED, 1, Double.NaN);
            acc.add(org, Figure.CATALOGUE_MOUNTED, r.mounted() ? 1 : 0, 1);
            acc.add(org, Figure.CATALOGUE_SHAREABLE, r.shareable() ? 1 : 0, 1);
            if (r.mounted()) {
                for (String base : r.baseDatabases()) {
                    Figure f = baseFigure(base);
                    if (f != null) {
                        acc.add(org, f, 1, Double.NaN);
                        basesByScope.computeIfAbsent(org, k -> new HashSet<>()).add(base);
                        basesByScope.computeIfAbsent(CITY, k -> new HashSet<>()).add(base);
                    }
                }
            }
        }
        for (Figure f : BASES.values()) {
            acc.ensureCity(f);
        }
        acc.ensure(Figure.CATALOGUE_COMPILED);
        for (var scope : out.keySet()) {
            out.get(scope).put(Figure.BASE_DATABASES_COVERED,
                    new double[]{basesByScope.getOrDefault(scope, Set.of()).size(), BASES.size()});
        }

        // exchange traffic over the window: the city's total, each organisation as provider
        var summary = exchange.summary(dsl, from.atStartOfDay(ZONE).toOffsetDateTime(), today.atStartOfDay(ZONE).toOffsetDateTime(), null);
        putExchange(out, CITY, summary.total());
        for (var o : summary.organisations()) {
            if (o.organisation() != null && !o.organisation().isEmpty()) {
                putExchange(out, o.organisation(), o.provided());
            }
        }

        // availability of platform connections and of the provincial link (no data stays no data)
        long up = 0;
        long down = 0;
        for (var e : connection.platformSeconds(dsl, from, today).entrySet()) {
            up += e.getValue()[0];
            down += e.getValue()[1];
            out.computeIfAbsent(e.getKey(), k -> new EnumMap<>(Figure.class))
                    .put(Figure.PLATFORM_AVAILABILITY, new double[]{percent(e.getValue()[0], e.getValue()[1]), Double.NaN});
        }
        out.computeIfAbsent(CITY, k -> new EnumMap<>(Figure.class)).put(Figure.PLATFORM_AVAILABILITY, new double[]{percent(up, down), Double.NaN});
        Double link = connection.provincialLinkAvailability(dsl, from, today);
        out.get(CITY).put(Figure.PROVINCIAL_LINK_AVAILABILITY, new double[]{link == null ? Double.NaN : link * 100, Double.NaN});
        return out;
    }

    private static double percent(long up, long down) {
        return up + down == 0 ? Double.NaN : 100.0 * up / (up + down);
    }

    private static void putExchange(Map<String, Map<Figure, double[]>> out, String scope, ExchangeQueries.Figures f) {
        var m = out.computeIfAbsent(scope, k -> new EnumMap<>(Figure.class));
        m.put(Figure.EXCHANGE_CALLS, new double[]{f.calls(), Double.NaN});
        // no calls: no success rate (never 0 %, never 100 %)
        m.put(Figure.EXCHANGE_SUCCEEDED, f.calls() == 0 ? new double[]{Double.NaN, Double.NaN} : new double[]{f.calls() - f.failedCalls(), f.calls()});
    }

    private static final Map<String, Figure> BASES = Map.of(
            "POPULATION", Figure.BASE_DATABASE_POPULATION,
            "LEGAL_ENTITY", Figure.BASE_DATABASE_LEGAL_ENTITY,
            "NATURAL_RESOURCES", Figure.BASE_DATABASE_NATURAL_RESOURCES,
            "ELECTRONIC_LICENCE", Figure.BASE_DATABASE_ELECTRONIC_LICENCE,
            "SOCIAL_CREDIT", Figure.BASE_DATABASE_SOCIAL_CREDIT);

    private static Figure baseFigure(String base) {
        return BASES.get(base);
    }

    /** Adds to an organisation's figure and to the city's. A denominator of NaN means the figure has none. */
    private record Acc(Map<String, Map<Figure, double[]>> out) {
        void add(String org, Figure f, double value, double denominator) {
            addTo(org, f, value, denominator);
            addTo(CITY, f, value, denominator);
        }

        private void addTo(String scope, Figure f, double value, double denominator) {
            double[] v = out.computeIfAbsent(scope, k -> new EnumMap<>(Figure.class)).computeIfAbsent(f, k -> new double[]{0, Double.isNaN(denominator) ? Double.NaN : 0});
            v[0] += value;
            if (!Double.isNaN(denominator)) {
                v[1] += denominator;
            }
        }

        /** A count the city has even when nothing was counted (zero systems retired is a zero, not "no data"). */
        void ensure(Figure f) {
            ensureCity(f);
        }

        void ensureCity(Figure f) {
            out.computeIfAbsent(CITY, k -> new EnumMap<>(Figure.class)).putIfAbsent(f, new double[]{0, Double.NaN});
        }
    }

    static BigDecimal decimal(double v) {
        return Double.isNaN(v) ? null : BigDecimal.valueOf(v);
    }

    List<Figure> all() {
        return List.of(Figure.values());
    }
}
