package cn.suqian.govshare.exchange;

import cn.suqian.govshare.catalogue.Catalogue;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.organisation.OrganisationType;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.security.ApiTokenService;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;


/**
 * Demo mode's simulated city exchange platform. It pushes interval statistics through the public ingest
 * endpoint with its own machine token, exactly as a real platform would: at start-up the last 14 days
 * (hourly intervals) and the 5-minute intervals of the current hour that have ended, then every 5 minutes the
 * interval that just ended. Traffic follows a weekday and
 * office-hours rhythm, has a few failures (one interface has a bad spell now and then), one provider
 * falls silent for part of each day, and a pilot consumer the registry does not know yet lands in
 * quarantine. Values are derived from a seed per key and hour, so a re-sent interval is identical.
 */
@Component
@ConditionalOnExpression("${govshare.demo.enabled:false} and ${govshare.exchange.simulator:true}")
public class ExchangeSimulator {

    private static final Logger log = LoggerFactory.getLogger(ExchangeSimulator.class);
    static final int BACKFILL_DAYS = 14;

    private final Db db;
    private final ApiTokenService tokens;
    private final AnomalyDetector anomalies;
    private final ExchangeRollups rollups;
    private volatile WebClient client;
    private volatile boolean backfilled;
    private volatile List<Key> keys = List.of();

    private final Organisations organisations;
    private final Inventory inventory;
    private final Catalogue catalogue;

    private final List<SilentSystems> silence;
    private final org.springframework.context.ApplicationEventPublisher events;

    ExchangeSimulator(Db db, ApiTokenService tokens, AnomalyDetector anomalies, ExchangeRollups rollups,
                      Organisations organisations, Inventory inventory, Catalogue catalogue,
                      org.springframework.beans.factory.ObjectProvider<SilentSystems> silence,
                      org.springframework.context.ApplicationEventPublisher events) {
        this.silence = silence.orderedStream().toList();
        this.events = events;
        this.organisations = organisations;
        this.inventory = inventory;
        this.catalogue = catalogue;
        this.db = db;
        this.tokens = tokens;
        this.anomalies = anomalies;
        this.rollups = rollups;
    }

    /**
     * Systems the simulated platform carries no traffic for: systems that stopped being used but that the registry
     * still lists (the demo's zombies). Every other system registered on the exchange takes part in some flow.
     */
    public interface SilentSystems {
        java.util.Set<String> silentSystems();
    }

    /**
     * Published once the start-up back-fill has been pushed and rolled up: figures computed at start-up (before it) read
     * no exchange traffic, and whoever shows them can compute them again now rather than at their next tick.
     */
    public record Backfilled(int days) {
    }

    /** One simulated flow: a provider (by organisation code or a system alias) serving a resource to a consumer. */
    record Key(String provider, String providerOrg, String consumer, String resource, int baseCallsPerHour, boolean flaky) {
    }

    private volatile int port;

    @EventListener
    public void portKnown(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    /** After start-up runners, so the demo registry (whose resources the flows use) is in place. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        keys = db.inTransaction(Actor.system("exchange-simulator"), this::keys);
        tokens.issue("演示交换平台模拟器 demo exchange simulator", "egov", null)
                .doOnNext(t -> client = WebClient.builder().baseUrl("http://localhost:" + port)
                        .defaultHeaders(h -> h.setBearerAuth(t.token())).build())
                .thenMany(Flux.range(0, BACKFILL_DAYS * 24).concatMap(i -> {
                    OffsetDateTime hour = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(BACKFILL_DAYS * 24L - i);
                    return i % 24 == 0 ? push(hour, 24, 3600) : Mono.empty();
                }))
                .then(Mono.defer(this::fillCurrentHour))
                .then(Mono.fromRunnable(() -> {
                    rollups.refresh(); // so the first anomaly pass sees the back-filled days
                    anomalies.detect(OffsetDateTime.now(), BACKFILL_DAYS * 24);
                }).subscribeOn(db.scheduler()))
                .subscribe(v -> { }, e -> log.warn("Demo exchange simulator stopped: {}", e.toString()),
                        () -> {
                            backfilled = true;
                            events.publishEvent(new Backfilled(BACKFILL_DAYS));
                            log.info("DEMO MODE: simulated exchange platform pushed {} days of traffic for {} flows; live every 5 minutes",
                                    BACKFILL_DAYS, keys.size());
                        });
    }

    /** Whether the start-up back-fill has been pushed, rolled up and looked at for anomalies. */
    public boolean backfilled() {
        return backfilled;
    }

    /**
     * The 5-minute intervals of the hour the simulator starts in that have already ended: without them that hour
     * would read as partly silent (its first minutes missing) until it is long over.
     */
    Mono<Void> fillCurrentHour() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime hour = now.truncatedTo(ChronoUnit.HOURS);
        int intervals = now.getMinute() / 5;
        return intervals == 0 ? Mono.empty() : push(hour, intervals, 300);
    }

    /** Whether the simulator makes {@code providerOrg} fall silent in the hour starting at {@code hour} (its deliberate silent spell). */
    static boolean deliberatelySilent(String providerOrg, OffsetDateTime hour) {
        ZonedDateTime local = hour.atZoneSameInstant(PeriodPlan.ZONE);
        return Math.floorMod((providerOrg.hashCode() + local.toLocalDate().toEpochDay()), 30) == 0
                && local.getHour() >= 9 && local.getHour() < 15;
    }

    /** Whether a flaky flow has its deliberate bad spell (a high failure ratio) in the hour starting at {@code hour}. */
    static boolean deliberateBadSpell(OffsetDateTime hour) {
        ZonedDateTime local = hour.atZoneSameInstant(PeriodPlan.ZONE);
        return Math.floorMod(local.toLocalDate().toEpochDay(), 3) == 0 && local.getHour() >= 10 && local.getHour() < 12;
    }

    @Scheduled(cron = "15 */5 * * * *")
    @SchedulerLock(name = "exchange-simulator", lockAtMostFor = "PT4M")
    public void live() {
        if (client == null) {
            return;
        }
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        end = end.minusMinutes(end.getMinute() % 5);
        push(end.minusMinutes(5), 1, 300).subscribe(v -> { }, e -> log.warn("Simulator push failed: {}", e.toString()));
    }

    /** Pushes {@code count} intervals of {@code seconds} from {@code start}, all keys, as one NDJSON batch. */
    Mono<Void> push(OffsetDateTime start, int count, int seconds) {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < count; i++) {
            OffsetDateTime t = start.plusSeconds((long) i * seconds);
            for (Key k : keys) {
                String line = record(k, t, seconds);
                if (line != null) {
                    ndjson.append(line).append('\n');
                }
            }
        }
        if (ndjson.isEmpty()) {
            return Mono.empty();
        }
        return client.post().uri("/api/v1/exchange/stats").contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header("Idempotency-Key", "sim-" + start + "-" + count + "x" + seconds)
                .bodyValue(ndjson.toString()).retrieve().toBodilessEntity().then();
    }

    /** One interval of one flow as NDJSON, or null when the flow is silent then. */
    static String record(Key k, OffsetDateTime start, int seconds) {
        ZonedDateTime local = start.atZoneSameInstant(PeriodPlan.ZONE);
        int hour = local.getHour();
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        // about one provider in thirty falls silent from 9:00 to 15:00 on a given day
        if (deliberatelySilent(k.providerOrg(), start)) {
            return null;
        }
        double rhythm = weekend ? 0.12 : hour >= 8 && hour < 12 || hour >= 14 && hour < 18 ? 1.0 : hour >= 18 && hour < 22 ? 0.25 : 0.05;
        Random r = new Random((k.provider() + k.consumer() + k.resource()).hashCode() * 31L + start.toEpochSecond());
        double expected = k.baseCallsPerHour() * rhythm * seconds / 3600.0;
        long calls = Math.max(0, Math.round(expected * (0.8 + 0.4 * r.nextDouble())));
        if (calls == 0 && r.nextDouble() > expected) {
            return null;
        }
        boolean badSpell = k.flaky() && deliberateBadSpell(start);
        double failureRate = badSpell ? 0.35 : 0.005 + 0.015 * r.nextDouble();
        long failed = Math.min(calls, Math.round(calls * failureRate));
        long records = calls * (1 + r.nextInt(40));
        long bytes = records * (400 + r.nextInt(1600));
        int latencyMax = calls == 0 ? 0 : 80 + r.nextInt(900);
        long latencySum = calls * (30 + r.nextInt(150));
        return "{\"intervalStart\":\"" + start + "\",\"intervalSeconds\":" + seconds + ",\"provider\":\"" + k.provider()
                + "\",\"consumer\":\"" + k.consumer() + "\",\"resource\":\"" + k.resource() + "\",\"calls\":" + calls
                + ",\"failedCalls\":" + failed + ",\"records\":" + records + ",\"bytes\":" + bytes + ",\"latencyMsSum\":" + latencySum
                + ",\"latencyMsMax\":" + latencyMax + "}";
    }

    List<Key> keys(org.jooq.DSLContext dsl) {
        List<String> orgs = organisations.active(dsl).stream().filter(o -> o.type() != OrganisationType.CITY)
                .map(o -> o.code()).toList();
        Map<String, List<String>> aliasesOf = new HashMap<>();
        inventory.active(dsl).forEach(sys -> aliasesOf.put(sys.code(), sys.exchangeAliases()));
        var resources = catalogue.mounted(dsl);
        Random r = new Random(20180630L);
        List<Key> result = new ArrayList<>();
        for (var res : resources) {
            List<String> aliases = res.sourceSystemCode() == null ? List.of() : aliasesOf.getOrDefault(res.sourceSystemCode(), List.of());
            String provider = !aliases.isEmpty() && r.nextBoolean() ? aliases.getFirst() : res.providerOrganisationCode();
            int consumers = 1 + r.nextInt(4);
            boolean flaky = r.nextInt(8) == 0;
            java.util.Set<String> chosen = new java.util.HashSet<>();
            for (int c = 0; c < consumers; c++) {
                String consumer = orgs.get(r.nextInt(orgs.size()));
                if (consumer.equals(res.providerOrganisationCode()) || !chosen.add(consumer)) {
                    continue; // a flow is one provider, consumer and resource
                }
                result.add(new Key(provider, res.providerOrganisationCode(), consumer, res.code(), 10 + r.nextInt(400), flaky));
            }
        }
        // A system registered on the exchange that no flow above carries consumes some other organisation's resource
        // through its own alias, unless it is one of the silent ones: on the real platform every system in use exchanges.
        java.util.Set<String> silent = new java.util.HashSet<>();
        silence.forEach(s -> silent.addAll(s.silentSystems()));
        java.util.Set<String> carried = new java.util.HashSet<>();
        java.util.Set<String> flows = new java.util.HashSet<>(); // provider organisation, consumer organisation, resource
        result.forEach(k -> {
            carried.add(k.provider());
            flows.add(k.providerOrg() + "\u0001" + k.consumer() + "\u0001" + k.resource());
        });
        if (!resources.isEmpty()) {
            for (var sys : inventory.active(dsl)) {
                if (sys.exchangeAliases().isEmpty() || silent.contains(sys.code()) || carried.contains(sys.exchangeAliases().getFirst())
                        || sys.lifecycleStatus() == cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus.RETIRED
                        || sys.lifecycleStatus() == cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus.ZOMBIE) {
                    continue;
                }
                // another organisation's resource that this organisation does not consume already: the platform attributes a
                // flow to organisations, and two flows of one interval between the same two organisations would be ambiguous
                var res = resources.get(r.nextInt(resources.size()));
                for (int attempt = 0; attempt < 50 && !usable(res, sys.organisationCode(), flows); attempt++) {
                    res = resources.get(r.nextInt(resources.size()));
                }
                if (!usable(res, sys.organisationCode(), flows)) {
                    continue;
                }
                flows.add(res.providerOrganisationCode() + "\u0001" + sys.organisationCode() + "\u0001" + res.code());
                result.add(new Key(res.providerOrganisationCode(), res.providerOrganisationCode(), sys.exchangeAliases().getFirst(),
                        res.code(), 5 + r.nextInt(60), false));
            }
            var first = resources.getFirst();
            result.add(new Key(first.providerOrganisationCode(), first.providerOrganisationCode(), "CN/GOV/SQ-PILOT/new-consumer", first.code(), 20, false));
        }
        return result;
    }

    private static boolean usable(Catalogue.MountedResource res, String consumerOrg, java.util.Set<String> flows) {
        return !res.providerOrganisationCode().equals(consumerOrg)
                && !flows.contains(res.providerOrganisationCode() + "\u0001" + consumerOrg + "\u0001" + res.code());
    }
}
