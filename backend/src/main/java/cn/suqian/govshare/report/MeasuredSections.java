package cn.suqian.govshare.report;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.catalogue.CatalogueResource.BaseDatabase;
import cn.suqian.govshare.catalogue.CatalogueResource.OpenAttribute;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;
import cn.suqian.govshare.connection.ConnectionFacts;
import cn.suqian.govshare.connection.ConnectionFacts.Connectedness;
import cn.suqian.govshare.exchange.ExchangeQueries;
import cn.suqian.govshare.facility.MigrationStatus;
import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;
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
 * the capability that owns the records. A figure about the reported year uses the dates the records carry
 * (migrated on, retired at, assessed on) and the measurements over the year; a figure about standing (how many
 * systems are on the cloud) counts the registry as it stood at the end of the year, from its recorded history
 * ({@link RegistryStanding}), and carries the day it counts.
 */
final class MeasuredSections {

    private MeasuredSections() {
    }

    /** The audited table of the information-system inventory. */
    static final String SYSTEMS = "information_system";

    static <T> long countOf(List<T> rows, Predicate<T> p) {
        return rows.stream().filter(p).count();
    }

    static Double percent(Double ratio) {
        return ratio == null ? null : Math.round(ratio * 10000) / 100.0;
    }

    /** Systems by lifecycle status, deployment and network: the inventory as it stood at the end of the year. */
    @Component
    static class Systems implements AnnualReportSection {
        private final RegistryStanding registry;

        Systems(RegistryStanding registry) {
            this.registry = registry;
        }

        public String key() { return "systems"; }

        public int order() { return 10; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            RegistryStanding.Standing st = registry.of(dsl, SYSTEMS, "organisation_code", p);
            List<RegistryStanding.Row> all = st.rows().stream().filter(RegistryStanding.Row::active).toList();
            String api = "/api/v1/systems/summary?organisation=" + p.organisation();
            List<Figure> f = new ArrayList<>();
            f.add(count("systems.total", all.size(), p.page("/systems.html"), api, st.asOf()));
            for (LifecycleStatus s : List.of(LifecycleStatus.IN_USE, LifecycleStatus.TO_INTEGRATE, LifecycleStatus.TO_CLEAN_UP, LifecycleStatus.ZOMBIE)) {
                f.add(count("systems.status." + s.name(), countOf(all, x -> s.name().equals(x.text("lifecycle_status"))),
                        p.page("/systems.html", "lifecycleStatus", s.name()), api + "&lifecycleStatus=" + s.name(), st.asOf()));
            }
            for (Deployment d : List.of(Deployment.GOV_CLOUD, Deployment.OWN_DATA_ROOM)) {
                f.add(count("systems.deployment." + d.name(), countOf(all, x -> d.name().equals(x.text("deployment"))),
                        p.page("/systems.html", "deployment", d.name()), api + "&deployment=" + d.name(), st.asOf()));
            }
            for (NetworkType n : List.of(NetworkType.EGOV_EXTRANET, NetworkType.PRIVATE_NETWORK)) {
                f.add(count("systems.network." + n.name(), countOf(all, x -> n.name().equals(x.text("network"))),
                        p.page("/systems.html", "network", n.name()), api + "&network=" + n.name(), st.asOf()));
            }
            return f;
        }
    }

    /**
     * Must-connect systems (the inventory at the end of the year) and whether they are connected, as measured by
     * connection status over the year.
     */
    @Component
    static class Connection implements AnnualReportSection {
        private final ConnectionFacts facts;
        private final RegistryStanding registry;

        Connection(ConnectionFacts facts, RegistryStanding registry) {
            this.facts = facts;
            this.registry = registry;
        }

        public String key() { return "connection"; }

        public int order() { return 20; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            RegistryStanding.Standing st = registry.of(dsl, SYSTEMS, "organisation_code", p);
            Set<String> must = st.rows().stream().filter(r -> r.active() && r.is("must_connect")).map(r -> r.text("code"))
                    .collect(Collectors.toSet());
            var measured = facts.connected(dsl, p.from(), p.to());
            List<ConnectionFacts.SystemConnection> mustConnect = measured.values().stream()
                    .filter(s -> must.contains(s.systemCode())).toList();
            String page = p.page("/connections.html");
            String api = "/api/v1/connections/connected?organisation=" + p.organisation() + "&from=" + p.from() + "&to=" + p.to();
            List<Figure> f = new ArrayList<>();
            f.add(count("connection.mustConnect", must.size(), p.page("/systems.html", "mustConnect", "true"), api, st.asOf()));
            for (Connectedness c : Connectedness.values()) {
                f.add(count("connection." + c.name(), countOf(mustConnect, s -> s.connectedness() == c), page, api));
            }
            f.add(count("connection.declaredConnected", countOf(mustConnect, s -> s.declaredConnectedOn() != null), page, api));
            return f;
        }
    }

    /**
     * Private networks moved onto the extranet and data rooms moved onto the cloud, or closed, during the year;
     * those remaining at its end (the facility registry as it stood then).
     */
    @Component
    static class Facilities implements AnnualReportSection {
        private final RegistryStanding registry;

        Facilities(RegistryStanding registry) {
            this.registry = registry;
        }

        public String key() { return "facilities"; }

        public int order() { return 30; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            RegistryStanding.Standing netSt = registry.of(dsl, "private_network", "organisation_code", p);
            RegistryStanding.Standing roomSt = registry.of(dsl, "data_room", "organisation_code", p);
            List<RegistryStanding.Row> nets = netSt.rows();
            List<RegistryStanding.Row> dr = roomSt.rows();
            String migrated = MigrationStatus.MIGRATED.name();
            String exempt = MigrationStatus.EXEMPT.name();
            String netApi = "/api/v1/networks?organisation=" + p.organisation() + "&includeRetired=true";
            String roomApi = "/api/v1/data-rooms?organisation=" + p.organisation() + "&includeRetired=true";
            List<Figure> f = new ArrayList<>();
            f.add(count("facilities.networks", countOf(nets, RegistryStanding.Row::active), p.page("/networks.html"), netApi, netSt.asOf()));
            f.add(count("facilities.networksMigrated", countOf(nets, n -> migrated.equals(n.text("migration_status")) && p.inYear(n.date("migrated_on"))),
                    p.page("/networks.html", "migrationStatus", "MIGRATED"), netApi + "&migrationStatus=MIGRATED"));
            f.add(count("facilities.networksClosed", countOf(nets, n -> p.inYear(n.instant("retired_at"))),
                    p.page("/networks.html", "includeRetired", "true"), netApi));
            f.add(count("facilities.networksRemaining", countOf(nets, n -> n.active() && !migrated.equals(n.text("migration_status"))
                    && !exempt.equals(n.text("migration_status"))), p.page("/networks.html"), netApi, netSt.asOf()));
            f.add(count("facilities.dataRooms", countOf(dr, RegistryStanding.Row::active), p.page("/data-rooms.html"), roomApi, roomSt.asOf()));
            f.add(count("facilities.dataRoomsMigrated", countOf(dr, r -> migrated.equals(r.text("migration_status")) && p.inYear(r.date("migrated_on"))),
                    p.page("/data-rooms.html", "migrationStatus", "MIGRATED"), roomApi + "&migrationStatus=MIGRATED"));
            f.add(count("facilities.dataRoomsClosed", countOf(dr, r -> p.inYear(r.instant("retired_at"))),
                    p.page("/data-rooms.html", "includeRetired", "true"), roomApi));
            return f;
        }
    }

    /** Catalogue resources compiled and mounted, by sharing type and open attribute: the catalogue at the end of the year. */
    @Component
    static class Catalogue implements AnnualReportSection {
        private final RegistryStanding registry;

        Catalogue(RegistryStanding registry) {
            this.registry = registry;
        }

        public String key() { return "catalogue"; }

        public int order() { return 40; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            RegistryStanding.Standing st = resources(registry, dsl, p);
            List<RegistryStanding.Row> all = st.rows();
            String api = "/api/v1/catalogue?organisation=" + p.organisation();
            List<Figure> f = new ArrayList<>();
            f.add(count("catalogue.compiled", all.size(), p.page("/catalogue.html"), api, st.asOf()));
            f.add(count("catalogue.mounted", countOf(all, r -> r.is("mounted")),
                    p.page("/catalogue.html", "mounted", "true"), api + "&mounted=true", st.asOf()));
            f.add(count("catalogue.mountedInYear", countOf(all, r -> r.is("mounted") && p.inYear(r.date("mounted_since"))),
                    p.page("/catalogue.html", "mounted", "true"), api + "&mounted=true"));
            for (SharingType s : SharingType.values()) {
                f.add(count("catalogue.sharing." + s.name(), countOf(all, r -> s.name().equals(r.text("sharing_type"))),
                        p.page("/catalogue.html", "sharingType", s.name()), api + "&sharingType=" + s.name(), st.asOf()));
            }
            for (OpenAttribute o : OpenAttribute.values()) {
                f.add(count("catalogue.open." + o.name(), countOf(all, r -> o.name().equals(r.text("open_attribute"))),
                        p.page("/catalogue.html", "openAttribute", o.name()), api + "&openAttribute=" + o.name(), st.asOf()));
            }
            return f;
        }
    }

    /** The organisation's catalogue resources not retired, as the catalogue stood at the end of the year. */
    static RegistryStanding.Standing resources(RegistryStanding registry, DSLContext dsl, Period p) {
        RegistryStanding.Standing st = registry.of(dsl, "catalogue_resource", "provider_organisation_code", p);
        return new RegistryStanding.Standing(st.rows().stream().filter(RegistryStanding.Row::active).toList(), st.asOf());
    }

    /** Mounted resources feeding each of the five base databases: the catalogue at the end of the year. */
    @Component
    static class BaseDatabases implements AnnualReportSection {
        private final RegistryStanding registry;

        BaseDatabases(RegistryStanding registry) {
            this.registry = registry;
        }

        public String key() { return "baseDatabases"; }

        public int order() { return 50; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            RegistryStanding.Standing st = resources(registry, dsl, p);
            List<Figure> f = new ArrayList<>();
            for (BaseDatabase b : BaseDatabase.values()) {
                f.add(count("baseDatabases." + b.name(), countOf(st.rows(), r -> r.is("mounted") && r.contains("base_databases", b.name())),
                        p.page("/catalogue.html", "baseDatabase", b.name(), "mounted", "true"),
                        "/api/v1/catalogue?organisation=" + p.organisation() + "&baseDatabase=" + b.name() + "&mounted=true", st.asOf()));
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
     * Zombie systems: candidates measured by exchange metrics and connection status (no traffic, no successful
     * check) and those the office confirmed — both as they stand when measured, which the figure says; systems
     * marked zombie or for cleanup in the inventory at the end of the year; systems cleaned up (retired) during it.
     */
    @Component
    static class Zombies implements AnnualReportSection {
        private final RegistryStanding registry;
        private final cn.suqian.govshare.exchange.Zombies zombies;

        Zombies(RegistryStanding registry, cn.suqian.govshare.exchange.Zombies zombies) {
            this.registry = registry;
            this.zombies = zombies;
        }

        public String key() { return "zombies"; }

        public int order() { return 80; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            RegistryStanding.Standing st = registry.of(dsl, SYSTEMS, "organisation_code", p);
            List<RegistryStanding.Row> all = st.rows();
            String zombie = LifecycleStatus.ZOMBIE.name();
            String cleanup = LifecycleStatus.TO_CLEAN_UP.name();
            long open = countOf(all, s -> s.active() && (zombie.equals(s.text("lifecycle_status")) || cleanup.equals(s.text("lifecycle_status"))));
            long cleaned = countOf(all, s -> p.inYear(s.instant("retired_at")));
            var measured = zombies.find(dsl, p.organisation());
            String api = "/api/v1/systems?organisation=" + p.organisation() + "&includeRetired=true";
            String zombieApi = "/api/v1/exchange/zombies?organisation=" + p.organisation();
            return List.of(count("zombies.candidates", measured.total(), p.page("/exchange.html"), zombieApi, p.measuredOn()),
                    count("zombies.confirmed", countOf(measured.items(), c -> c.decision() == cn.suqian.govshare.exchange.Zombies.Decision.CONFIRMED),
                            p.page("/exchange.html"), zombieApi, p.measuredOn()),
                    count("zombies.found", open + cleaned, p.page("/systems.html", "lifecycleStatus", "ZOMBIE"), api),
                    count("zombies.open", open, p.page("/systems.html", "lifecycleStatus", "TO_CLEAN_UP"), api, st.asOf()),
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

    /** Classified-protection (等级保护) filing of the organisation's active systems: the inventory at the end of the year. */
    @Component
    static class Protection implements AnnualReportSection {
        private final RegistryStanding registry;

        Protection(RegistryStanding registry) {
            this.registry = registry;
        }

        public String key() { return "protection"; }

        public int order() { return 100; }

        public List<Figure> measure(DSLContext dsl, Period p) {
            RegistryStanding.Standing st = registry.of(dsl, SYSTEMS, "organisation_code", p);
            List<RegistryStanding.Row> all = st.rows().stream().filter(RegistryStanding.Row::active).toList();
            String page = p.page("/systems.html");
            String api = "/api/v1/systems?organisation=" + p.organisation();
            return List.of(count("protection.filed", countOf(all, s -> s.integer("protection_level") != null), page, api, st.asOf()),
                    count("protection.notFiled", countOf(all, s -> s.integer("protection_level") == null), page, api, st.asOf()),
                    count("protection.levelThreeOrAbove", countOf(all, s -> s.integer("protection_level") != null && s.integer("protection_level") >= 3),
                            page, api, st.asOf()),
                    count("protection.assessedInYear", countOf(all, s -> p.inYear(s.date("protection_assessed_on"))), page, api));
        }
    }
}
