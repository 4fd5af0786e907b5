package cn.suqian.govshare.report;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.catalogue.CatalogueResource;
import cn.suqian.govshare.catalogue.CatalogueResource.BaseDatabase;
import cn.suqian.govshare.catalogue.CatalogueResource.OpenAttribute;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;
import cn.suqian.govshare.catalogue.CatalogueService;
import cn.suqian.govshare.connection.ConnectionFacts;
import cn.suqian.govshare.connection.ConnectionFacts.Connectedness;
import cn.suqian.govshare.exchange.ExchangeQueries;
import cn.suqian.govshare.facility.DataRoom;
import cn.suqian.govshare.facility.DataRooms;
import cn.suqian.govshare.facility.MigrationStatus;
import cn.suqian.govshare.facility.PrivateNetwork;
import cn.suqian.govshare.facility.PrivateNetworks;
import cn.suqian.govshare.inventory.InformationSystem;
import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;
import cn.suqian.govshare.inventory.InformationSystemService;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.keytask.KeyTask;
import cn.suqian.govshare.keytask.KeyTaskService;
import cn.suqian.govshare.report.AnnualReportSection.Evidence;
import cn.suqian.govshare.report.AnnualReportSection.Figure;
import cn.suqian.govshare.report.AnnualReportSection.Period;
import cn.suqian.govshare.report.AnnualReportSection.Unit;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static cn.suqian.govshare.report.AnnualReportSection.count;

/**
 * The measured sections of the annual report, one bean each, every figure read through the published API of
 * the capability that owns the records. Registries hold current state: a figure about the reported year uses
 * the dates the records carry (migrated on, retired at, assessed on); a figure about standing (how many
 * systems are on the cloud) is the state when the draft was measured, which is stored with the report.
 */
final class MeasuredSections {

    private MeasuredSections() {
    }

    /** The organisation's systems in the inventory: active ones (not retired), as the registry stands. */
    static List<InformationSystem> activeSystems(InformationSystemService systems, DSLContext dsl, String organisation) {
        return systems.all(dsl, new InformationSystemService.Filter(organisation, null, null, null, null, null, false));
    }

    static <T> long countOf(List<T> rows, Predicate<T> p) {
        return rows.stream().filter(p).count();
    }

    static Double percent(Double ratio) {
        return ratio == null ? null : Math.round(ratio * 10000) / 100.0;
    }

    /** Systems by lifecycle status, deployment and network (inventory). */
    @Component
    static class Systems implements AnnualReportSection {
        private final InformationSystemService systems;

        Systems(InformationSystemService systems) {
            this.systems = systems;
        }

        public String key() { return "systems"; }

        public int order() { return 10; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            List<InformationSystem> all = activeSystems(systems, dsl, p.organisation());
            String api = "/api/v1/systems/summary?organisation=" + p.organisation();
            List<Figure> f = new ArrayList<>();
            f.add(count("systems.total", all.size(), p.page("/systems.html"), api));
            for (LifecycleStatus s : List.of(LifecycleStatus.IN_USE, LifecycleStatus.TO_INTEGRATE, LifecycleStatus.TO_CLEAN_UP, LifecycleStatus.ZOMBIE)) {
                f.add(count("systems.status." + s.name(), countOf(all, x -> x.lifecycleStatus() == s),
                        p.page("/systems.html", "lifecycleStatus", s.name()), api + "&lifecycleStatus=" + s.name()));
            }
            for (Deployment d : List.of(Deployment.GOV_CLOUD, Deployment.OWN_DATA_ROOM)) {
                f.add(count("systems.deployment." + d.name(), countOf(all, x -> x.deployment() == d),
                        p.page("/systems.html", "deployment", d.name()), api + "&deployment=" + d.name()));
            }
            for (NetworkType n : List.of(NetworkType.EGOV_EXTRANET, NetworkType.PRIVATE_NETWORK)) {
                f.add(count("systems.network." + n.name(), countOf(all, x -> x.network() == n),
                        p.page("/systems.html", "network", n.name()), api + "&network=" + n.name()));
            }
            return f;
        }
    }

    /** Must-connect systems and whether they are connected, as measured by connection status over the year. */
    @Component
    static class Connection implements AnnualReportSection {
        private final ConnectionFacts facts;
        private final Inventory inventory;

        Connection(ConnectionFacts facts, Inventory inventory) {
            this.facts = facts;
            this.inventory = inventory;
        }

        public String key() { return "connection"; }

        public int order() { return 20; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            Set<String> must = inventory.active(dsl).stream().filter(Inventory.SystemRef::mustConnect)
                    .filter(s -> p.organisation().equals(s.organisationCode())).map(Inventory.SystemRef::code).collect(Collectors.toSet());
            List<ConnectionFacts.SystemConnection> mustConnect = facts.connected(dsl, p.from(), p.to()).values().stream()
                    .filter(s -> must.contains(s.systemCode())).toList();
            String page = p.page("/connections.html");
            String api = "/api/v1/connections/connected?organisation=" + p.organisation() + "&from=" + p.from() + "&to=" + p.to();
            List<Figure> f = new ArrayList<>();
            f.add(count("connection.mustConnect", mustConnect.size(), p.page("/systems.html", "mustConnect", "true"), api));
            for (Connectedness c : Connectedness.values()) {
                f.add(count("connection." + c.name(), countOf(mustConnect, s -> s.connectedness() == c), page, api));
            }
            f.add(count("connection.declaredConnected", countOf(mustConnect, s -> s.declaredConnectedOn() != null), page, api));
            return f;
        }
    }

    /** Private networks moved onto the extranet and data rooms moved onto the cloud, or closed (facility registry). */
    @Component
    static class Facilities implements AnnualReportSection {
        private final PrivateNetworks networks;
        private final DataRooms rooms;

        Facilities(PrivateNetworks networks, DataRooms rooms) {
            this.networks = networks;
            this.rooms = rooms;
        }

        public String key() { return "facilities"; }

        public int order() { return 30; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            List<PrivateNetwork> nets = networks.all(dsl, new PrivateNetworks.Filter(p.organisation(), null, null, true));
            List<DataRoom> dr = rooms.all(dsl, new DataRooms.Filter(p.organisation(), null, true));
            String netApi = "/api/v1/networks?organisation=" + p.organisation() + "&includeRetired=true";
            String roomApi = "/api/v1/data-rooms?organisation=" + p.organisation() + "&includeRetired=true";
            List<Figure> f = new ArrayList<>();
            f.add(count("facilities.networks", countOf(nets, n -> n.retiredAt() == null), p.page("/networks.html"), netApi));
            f.add(count("facilities.networksMigrated", countOf(nets, n -> n.migrationStatus() == MigrationStatus.MIGRATED && p.inYear(n.migratedOn())),
                    p.page("/networks.html", "migrationStatus", "MIGRATED"), netApi + "&migrationStatus=MIGRATED"));
            f.add(count("facilities.networksClosed", countOf(nets, n -> p.inYear(n.retiredAt())),
                    p.page("/networks.html", "includeRetired", "true"), netApi));
            f.add(count("facilities.networksRemaining", countOf(nets, n -> n.retiredAt() == null && n.migrationStatus() != MigrationStatus.MIGRATED
                    && n.migrationStatus() != MigrationStatus.EXEMPT), p.page("/networks.html"), netApi));
            f.add(count("facilities.dataRooms", countOf(dr, r -> r.retiredAt() == null), p.page("/data-rooms.html"), roomApi));
            f.add(count("facilities.dataRoomsMigrated", countOf(dr, r -> r.migrationStatus() == MigrationStatus.MIGRATED && p.inYear(r.migratedOn())),
                    p.page("/data-rooms.html", "migrationStatus", "MIGRATED"), roomApi + "&migrationStatus=MIGRATED"));
            f.add(count("facilities.dataRoomsClosed", countOf(dr, r -> p.inYear(r.retiredAt())),
                    p.page("/data-rooms.html", "includeRetired", "true"), roomApi));
            return f;
        }
    }

    /** Catalogue resources compiled and mounted, by sharing type and open attribute (catalogue). */
    @Component
    static class Catalogue implements AnnualReportSection {
        private final CatalogueService catalogue;

        Catalogue(CatalogueService catalogue) {
            this.catalogue = catalogue;
        }

        public String key() { return "catalogue"; }

        public int order() { return 40; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            List<CatalogueResource> all = resources(catalogue, dsl, p.organisation());
            String api = "/api/v1/catalogue?organisation=" + p.organisation();
            List<Figure> f = new ArrayList<>();
            f.add(count("catalogue.compiled", all.size(), p.page("/catalogue.html"), api));
            f.add(count("catalogue.mounted", countOf(all, r -> Boolean.TRUE.equals(r.mounted())),
                    p.page("/catalogue.html", "mounted", "true"), api + "&mounted=true"));
            f.add(count("catalogue.mountedInYear", countOf(all, r -> Boolean.TRUE.equals(r.mounted()) && p.inYear(r.mountedSince())),
                    p.page("/catalogue.html", "mounted", "true"), api + "&mounted=true"));
            for (SharingType s : SharingType.values()) {
                f.add(count("catalogue.sharing." + s.name(), countOf(all, r -> r.sharingType() == s),
                        p.page("/catalogue.html", "sharingType", s.name()), api + "&sharingType=" + s.name()));
            }
            for (OpenAttribute o : OpenAttribute.values()) {
                f.add(count("catalogue.open." + o.name(), countOf(all, r -> r.openAttribute() == o),
                        p.page("/catalogue.html", "openAttribute", o.name()), api + "&openAttribute=" + o.name()));
            }
            return f;
        }
    }

    static List<CatalogueResource> resources(CatalogueService catalogue, DSLContext dsl, String organisation) {
        return catalogue.all(dsl, new CatalogueService.Filter(organisation, null, null, null, null, null, null, null, false));
    }

    /** Mounted resources feeding each of the five base databases (catalogue). */
    @Component
    static class BaseDatabases implements AnnualReportSection {
        private final CatalogueService catalogue;

        BaseDatabases(CatalogueService catalogue) {
            this.catalogue = catalogue;
        }

        public String key() { return "baseDatabases"; }

        public int order() { return 50; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            List<CatalogueResource> all = resources(catalogue, dsl, p.organisation());
            List<Figure> f = new ArrayList<>();
            for (BaseDatabase b : BaseDatabase.values()) {
                f.add(count("baseDatabases." + b.name(), countOf(all, r -> Boolean.TRUE.equals(r.mounted()) && r.baseDatabases().contains(b)),
                        p.page("/catalogue.html", "baseDatabase", b.name(), "mounted", "true"),
                        "/api/v1/catalogue?organisation=" + p.organisation() + "&baseDatabase=" + b.name() + "&mounted=true"));
            }
            return f;
        }
    }

    /** Data provided to and consumed from others over the year, and the success rate (exchange metrics). */
    @Component
    static class Exchange implements AnnualReportSection {
        private final ExchangeQueries exchange;

        Exchange(ExchangeQueries exchange) {
            this.exchange = exchange;
        }

        public String key() { return "exchange"; }

        public int order() { return 60; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            var summary = exchange.summary(dsl, p.fromInstant(), p.toInstant(), p.organisation());
            var mine = summary.organisations().stream().filter(o -> p.organisation().equals(o.organisation())).findFirst().orElse(null);
            Evidence e = new Evidence(p.page("/exchange.html"), "/api/v1/exchange/summary?organisation=" + p.organisation() + "&" + p.range());
            List<Figure> f = new ArrayList<>();
            ExchangeQueries.Figures provided = mine == null ? null : mine.provided();
            ExchangeQueries.Figures consumed = mine == null ? null : mine.consumed();
            f.add(new Figure("exchange.providedCalls", Unit.CALLS, provided == null ? 0.0 : (double) provided.calls(), e));
            f.add(new Figure("exchange.providedRecords", Unit.RECORDS, provided == null ? 0.0 : (double) provided.records(), e));
            f.add(new Figure("exchange.providedSuccessRate", Unit.PERCENT, provided == null ? null : percent(provided.successRate()), e));
            f.add(new Figure("exchange.consumedCalls", Unit.CALLS, consumed == null ? 0.0 : (double) consumed.calls(), e));
            f.add(new Figure("exchange.consumedRecords", Unit.RECORDS, consumed == null ? 0.0 : (double) consumed.records(), e));
            f.add(new Figure("exchange.consumedSuccessRate", Unit.PERCENT, consumed == null ? null : percent(consumed.successRate()), e));
            return f;
        }
    }

    /** Availability of the organisation's platform connections and its incidents over the year (connection status). */
    @Component
    static class Availability implements AnnualReportSection {
        private final ConnectionFacts facts;

        Availability(ConnectionFacts facts) {
            this.facts = facts;
        }

        public String key() { return "availability"; }

        public int order() { return 70; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            var a = facts.availability(dsl, p.organisation(), p.from(), p.to());
            String api = "/api/v1/connections/availability?by=ORGANISATION&granularity=MONTH&organisation=" + p.organisation()
                    + "&from=" + p.from() + "&to=" + p.to();
            return List.of(new Figure("availability.percent", Unit.PERCENT, percent(a.availability()), new Evidence(p.page("/connections.html"), api)),
                    count("availability.incidents", a.incidents(), p.page("/connections.html"),
                            "/api/v1/connections/incidents?organisation=" + p.organisation()));
        }
    }

    /**
     * Zombie systems: candidates measured now by exchange metrics and connection status (no traffic, no
     * successful check) and those the office confirmed; systems marked zombie or for cleanup in the inventory;
     * systems cleaned up (retired) during the year.
     */
    @Component
    static class Zombies implements AnnualReportSection {
        private final InformationSystemService systems;
        private final cn.suqian.govshare.exchange.Zombies zombies;

        Zombies(InformationSystemService systems, cn.suqian.govshare.exchange.Zombies zombies) {
            this.systems = systems;
            this.zombies = zombies;
        }

        public String key() { return "zombies"; }

        public int order() { return 80; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            List<InformationSystem> all = systems.all(dsl, new InformationSystemService.Filter(p.organisation(), null, null, null, null, null, true));
            long open = countOf(all, s -> s.retiredAt() == null
                    && (s.lifecycleStatus() == LifecycleStatus.ZOMBIE || s.lifecycleStatus() == LifecycleStatus.TO_CLEAN_UP));
            long cleaned = countOf(all, s -> p.inYear(s.retiredAt()));
            var measured = zombies.find(dsl, p.organisation());
            String api = "/api/v1/systems?organisation=" + p.organisation() + "&includeRetired=true";
            String zombieApi = "/api/v1/exchange/zombies?organisation=" + p.organisation();
            return List.of(count("zombies.candidates", measured.total(), p.page("/exchange.html"), zombieApi),
                    count("zombies.confirmed", countOf(measured.items(), c -> c.decision() == cn.suqian.govshare.exchange.Zombies.Decision.CONFIRMED),
                            p.page("/exchange.html"), zombieApi),
                    count("zombies.found", open + cleaned, p.page("/systems.html", "lifecycleStatus", "ZOMBIE"), api),
                    count("zombies.open", open, p.page("/systems.html", "lifecycleStatus", "TO_CLEAN_UP"), api),
                    count("zombies.cleaned", cleaned, p.page("/systems.html", "includeRetired", "true", "lifecycleStatus", "RETIRED"),
                            api + "&lifecycleStatus=RETIRED"));
        }
    }

    /** Milestones due in the year of the key tasks the organisation leads: met on time, met late, missed (key tasks). */
    @Component
    static class KeyTasks implements AnnualReportSection {
        static final CurrentUser READER = new CurrentUser("system:annual-report", "年度报告", Role.LEADER, null);
        private final KeyTaskService tasks;

        KeyTasks(KeyTaskService tasks) {
            this.tasks = tasks;
        }

        public String key() { return "keyTasks"; }

        public int order() { return 90; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            List<KeyTask.Milestone> due = tasks.list(dsl, READER).stream()
                    .filter(t -> t.leadOrganisationCodes().contains(p.organisation()))
                    .flatMap(t -> t.milestones().stream()).filter(m -> p.inYear(m.deadline())).toList();
            String page = "/tasks.html?mine=true";
            String api = "/api/v1/tasks";
            return List.of(count("keyTasks.due", due.size(), page, api),
                    count("keyTasks.metOnTime", countOf(due, m -> m.metOn() != null && !m.late()), page, api),
                    count("keyTasks.metLate", countOf(due, m -> m.metOn() != null && m.late()), page, api),
                    count("keyTasks.missed", countOf(due, m -> m.status() == KeyTask.MilestoneStatus.MISSED), page, api));
        }
    }

    /** Classified-protection (等级保护) filing of the organisation's active systems (inventory). */
    @Component
    static class Protection implements AnnualReportSection {
        private final InformationSystemService systems;

        Protection(InformationSystemService systems) {
            this.systems = systems;
        }

        public String key() { return "protection"; }

        public int order() { return 100; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            List<InformationSystem> all = activeSystems(systems, dsl, p.organisation());
            String page = p.page("/systems.html");
            String api = "/api/v1/systems?organisation=" + p.organisation();
            return List.of(count("protection.filed", countOf(all, s -> s.protectionLevel() != null), page, api),
                    count("protection.notFiled", countOf(all, s -> s.protectionLevel() == null), page, api),
                    count("protection.levelThreeOrAbove", countOf(all, s -> s.protectionLevel() != null && s.protectionLevel() >= 3), page, api),
                    count("protection.assessedInYear", countOf(all, s -> p.inYear(s.protectionAssessedOn())), page, api));
        }
    }
}
