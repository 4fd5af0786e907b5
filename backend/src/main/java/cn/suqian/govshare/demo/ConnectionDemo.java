package cn.suqian.govshare.demo;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.catalogue.Catalogue;
import cn.suqian.govshare.connection.ConnectionFacts;
import cn.suqian.govshare.connection.ConnectionTarget;
import cn.suqian.govshare.connection.ConnectionTarget.Probe;
import cn.suqian.govshare.connection.ConnectionTargets;
import cn.suqian.govshare.connection.HeartbeatIngest;
import cn.suqian.govshare.connection.MaintenanceWindow;
import cn.suqian.govshare.connection.MaintenanceWindows;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.web.PageRequest;
import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.TcpServer;
import tools.jackson.databind.json.JsonMapper;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Demo probe targets that really answer. The demo city's targets name addresses on a government network
 * that does not exist here, so at start-up the demo serves a few local endpoints — healthy HTTP, a flapping
 * one (three minutes of 503 every twelve), one under planned maintenance, a TCP listener, a closed port —
 * and points its targets at them through the registry's own update path. Probing, incidents, availability
 * and notifications then run exactly as for real targets. Most heartbeat targets get their heartbeats pushed
 * through the heartbeat ingest; two never do, and their missed heartbeats are noticed like real ones.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "govshare.demo.enabled", havingValue = "true")
class ConnectionDemo implements ApplicationRunner, cn.suqian.govshare.exchange.ExchangeSimulator.SilentSystems {

    private static final Logger log = LoggerFactory.getLogger(ConnectionDemo.class);
    static final CurrentUser OFFICE = RegistryDemoData.OFFICE;
    /** Demo targets are probed this often, so the status wall fills within a minute or two. */
    static final int DEMO_INTERVAL_SECONDS = 30;

    private final ConnectionTargets targets;
    private final HeartbeatIngest heartbeats;
    private final MaintenanceWindows maintenance;
    private final Inventory inventory;
    private final Db db;
    private final Catalogue catalogue;
    private final ConnectionFacts facts;
    private DisposableServer http;
    private DisposableServer tcp;
    private volatile List<String> beating = List.of();
    private volatile java.util.Set<String> deadSystems = java.util.Set.of();

    ConnectionDemo(ConnectionTargets targets, HeartbeatIngest heartbeats, MaintenanceWindows maintenance, Inventory inventory, Db db,
                   Catalogue catalogue, ConnectionFacts facts) {
        this.catalogue = catalogue;
        this.facts = facts;
        this.targets = targets;
        this.heartbeats = heartbeats;
        this.maintenance = maintenance;
        this.inventory = inventory;
        this.db = db;
    }

    /** How many silent systems (no flow carries their data) keep a registered front-end processor that no longer answers. */
    static final int DEAD_PROCESSORS = 5;

    /** The systems whose old front-end processor no longer answers: the simulated exchange platform carries no traffic of theirs. */
    @Override
    public java.util.Set<String> silentSystems() {
        return deadSystems;
    }

    /** 503 for three minutes of every twelve (China Standard Time), 200 otherwise. */
    static boolean flappingDown(LocalTime now) {
        return now.getMinute() % 12 >= 9;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        http = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/demo/healthy", (req, res) -> res.sendString(Mono.just("OK")))
                        .get("/demo/flapping", (req, res) -> flappingDown(LocalTime.now(cn.suqian.govshare.web.CityCalendar.ZONE))
                                ? res.status(503).sendString(Mono.just("busy")) : res.sendString(Mono.just("OK")))
                        .get("/demo/maintenance", (req, res) -> res.status(503).sendString(Mono.just("under maintenance"))))
                .bindNow();
        tcp = TcpServer.create().host("127.0.0.1").port(0).handle((in, out) -> out.neverComplete()).bindNow();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // free once closed: connecting is refused
        }
        String base = "http://127.0.0.1:" + http.port() + "/demo/";
        List<ConnectionTarget> all = new ArrayList<>(targets.find(OFFICE, new ConnectionTargets.Filter(null, null, null, false), "code,asc",
                PageRequest.of(0, PageRequest.MAX_SIZE)).toFuture().get(1, TimeUnit.MINUTES).items());
        registerDeadProcessors(closed, all.stream().filter(t -> !t.code().endsWith(".fep-old")).map(ConnectionTarget::systemCode)
                .collect(java.util.stream.Collectors.toSet()), all.stream().filter(t -> t.code().endsWith(".fep-old")).count());
        all = new ArrayList<>(targets.find(OFFICE, new ConnectionTargets.Filter(null, null, null, false), "code,asc",
                PageRequest.of(0, PageRequest.MAX_SIZE)).toFuture().get(1, TimeUnit.MINUTES).items());
        deadSystems = all.stream().filter(t -> t.code().endsWith(".fep-old")).map(ConnectionTarget::systemCode)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        all.sort(Comparator.comparing(ConnectionTarget::code));
        List<ConnectionTarget> httpTargets = all.stream().filter(t -> t.probe() == Probe.HTTP).toList();
        List<ConnectionTarget> tcpTargets = all.stream().filter(t -> t.probe() == Probe.TCP && !t.code().endsWith(".fep-old")).toList();
        List<ConnectionTarget> heartbeatTargets = all.stream().filter(t -> t.probe() == Probe.HEARTBEAT).toList();
        String maintenanceTarget = null;
        int flapping = 0;
        for (int i = 0; i < httpTargets.size(); i++) {
            ConnectionTarget t = httpTargets.get(i);
            String path = "healthy";
            if (t.kind() != ConnectionTarget.Kind.PROVINCIAL_LINK && i % 20 == 7) {
                path = "flapping";
                flapping++;
            } else if (t.kind() != ConnectionTarget.Kind.PROVINCIAL_LINK && maintenanceTarget == null && i > 0) {
                path = "maintenance";
                maintenanceTarget = t.code();
            }
            point(t, base + path);
        }
        String downTarget = tcpTargets.isEmpty() ? null : tcpTargets.getLast().code();
        for (ConnectionTarget t : tcpTargets) {
            point(t, "127.0.0.1:" + (t.code().equals(downTarget) ? closed : tcp.port()));
        }
        // all heartbeat targets but the last two beat
        beating = heartbeatTargets.stream().limit(Math.max(0, heartbeatTargets.size() - 2)).map(ConnectionTarget::code).toList();
        if (maintenanceTarget != null) {
            String code = maintenanceTarget;
            boolean planned = !maintenance.list(OFFICE, null, code, false).toFuture().get(1, TimeUnit.MINUTES).isEmpty();
            if (!planned) {
                OffsetDateTime now = OffsetDateTime.now();
                maintenance.create(OFFICE, new MaintenanceWindow(null, code, null, "演示：前置机升级改造，计划停机维护", MaintenanceWindow.Recurrence.ONCE,
                        now.minusHours(1), now.plusDays(30), List.of(), null, null, null, null, null)).toFuture().get(1, TimeUnit.MINUTES);
            }
        }
        log.info("DEMO MODE: demo probe endpoints on {} (HTTP) and 127.0.0.1:{} (TCP); {} flapping, maintenance: {}, down: {}, "
                        + "{} heartbeat targets beating, {} silent", base, tcp.port(), flapping, maintenanceTarget, downTarget, beating.size(),
                heartbeatTargets.size() - beating.size());
    }

    /**
     * A few systems stopped being used long ago but nobody told the inventory: it still lists them as in use
     * (or only marked for cleanup), they are registered on the exchange (aliases), yet no catalogued resource
     * the platform carries comes from them, so the platform sees no traffic of theirs; and their front-end
     * processor, still registered, no longer answers. They are the demo's zombie candidates, found by the same
     * rule as real ones once their processors have been judged DOWN. Systems whose data flows keep theirs
     * alive; so do systems other targets watch.
     */
    private void registerDeadProcessors(int closedPort, java.util.Set<String> watched, long existing) throws Exception {
        if (existing >= DEAD_PROCESSORS) {
            return;
        }
        List<Inventory.SystemRef> dead = db.inTransaction(new Actor(OFFICE.username(), OFFICE.organisationCode()), dsl -> {
            java.util.Set<String> carried = catalogue.mounted(dsl).stream().map(Catalogue.MountedResource::sourceSystemCode)
                    .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
            java.util.Set<String> platform = facts.platformSystems(dsl);
            List<Inventory.SystemRef> silent = inventory.active(dsl).stream()
                    .filter(s -> !s.exchangeAliases().isEmpty() && !carried.contains(s.code()))
                    .filter(s -> !watched.contains(s.code()) && !platform.contains(s.code()))
                    .sorted(Comparator.comparing(Inventory.SystemRef::code)).toList();
            List<Inventory.SystemRef> chosen = new ArrayList<>();
            silent.stream().filter(s -> s.lifecycleStatus() == LifecycleStatus.IN_USE).limit(DEAD_PROCESSORS - 2).forEach(chosen::add);
            silent.stream().filter(s -> s.lifecycleStatus() == LifecycleStatus.TO_CLEAN_UP).limit(DEAD_PROCESSORS - chosen.size())
                    .forEach(chosen::add);
            return chosen.stream().limit(DEAD_PROCESSORS - existing).toList();
        });
        for (Inventory.SystemRef s : dead) {
            targets.create(OFFICE, new ConnectionTarget(s.code() + ".fep-old", s.code(), null, ConnectionTarget.Kind.FRONT_END_PROCESSOR,
                    s.name() + "前置机（旧）", Probe.TCP, "127.0.0.1:" + closedPort, DEMO_INTERVAL_SECONDS, 3, 2, true, null, null, null))
                    .toFuture().get(1, TimeUnit.MINUTES);
        }
    }

    private void point(ConnectionTarget t, String address) throws Exception {
        if (address.equals(t.address()) && t.intervalSeconds() == DEMO_INTERVAL_SECONDS) {
            return;
        }
        targets.update(OFFICE, t.code(), new ConnectionTarget(t.code(), t.systemCode(), null, t.kind(), t.name(), t.probe(), address,
                DEMO_INTERVAL_SECONDS, t.downAfter(), t.upAfter(), t.enabled(), null, null, null)).toFuture().get(1, TimeUnit.MINUTES);
    }

    /** The demo systems behind firewalls push their heartbeats, as real ones would. */
    @Scheduled(fixedRateString = "PT30S", initialDelayString = "PT10S")
    @SchedulerLock(name = "demo-heartbeats", lockAtMostFor = "PT1M")
    public void pushHeartbeats() throws Exception {
        if (beating.isEmpty()) {
            return;
        }
        var body = JsonMapper.shared().valueToTree(beating.stream().map(code -> Map.of("target", code, "latencyMs", 12)).toList());
        heartbeats.accept(OFFICE, body).toFuture().get(1, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        if (http != null) {
            http.disposeNow(Duration.ofSeconds(2));
        }
        if (tcp != null) {
            tcp.disposeNow(Duration.ofSeconds(2));
        }
    }
}
