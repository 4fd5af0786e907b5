package cn.suqian.govshare.overview;

import cn.suqian.govshare.connection.ConnectionFacts;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.eligibility.Eligibility;
import cn.suqian.govshare.exchange.Anomalies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The overview's live stream. One poller per node asks connection monitoring and anomaly detection, every
 * {@code live-poll}, what changed last (a couple of index-only reads, however many pages are open) and, when
 * something did, publishes one event to every open stream: {@code measurement} (a probe or heartbeat was checked),
 * {@code incident} (one opened or closed), {@code anomaly} (a new one), {@code verdict} (a funding-eligibility verdict stored) and {@code figures} (the rollup refreshed).
 * Polling the database rather than listening in-process means every node sees every change, whichever node made it.
 * <p>
 * Event ids grow over the node's life (starting from the clock, so they keep growing across restarts). The last
 * {@code replay} events are kept: a client reconnecting with {@code Last-Event-ID} gets what it missed, or a single
 * {@code resync} event (reload everything) when what it missed is no longer kept or came from another node's life.
 */
@Component
public class OverviewLive {

    /** One event as streamed. */
    public record LiveEvent(long id, String type, Map<String, Object> data) {
    }

    private static final Logger log = LoggerFactory.getLogger(OverviewLive.class);

    private final Db db;
    private final ConnectionFacts connection;
    private final Anomalies anomalies;
    private final Eligibility eligibility;
    private final Sinks.Many<LiveEvent> sink;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);
    private final long firstId = sequence.get() + 1;
    private final Duration keepAlive;
    private final long retryMillis;
    private final int replay;
    private final AtomicLong subscribers = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile ConnectionFacts.Change lastConnection;
    private volatile long lastAnomaly = -1;
    private volatile long lastVerdict = -1;

    OverviewLive(Db db, ConnectionFacts connection, Anomalies anomalies, Eligibility eligibility,
                 @Value("${govshare.overview.live-replay:256}") int replay,
                 @Value("${govshare.overview.live-keep-alive:PT15S}") Duration keepAlive,
                 @Value("${govshare.overview.live-retry:PT3S}") Duration retry) {
        this.db = db;
        this.connection = connection;
        this.anomalies = anomalies;
        this.eligibility = eligibility;
        this.sink = Sinks.many().replay().limit(replay);
        this.replay = replay;
        this.keepAlive = keepAlive;
        this.retryMillis = retry.toMillis();
    }

    /** Publishes an event to every open stream. */
    public synchronized LiveEvent publish(String type, Map<String, Object> data) {
        LiveEvent e = new LiveEvent(sequence.incrementAndGet(), type, data);
        sink.emitNext(e, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
        return e;
    }

    long lastId() {
        return sequence.get();
    }

    int openStreams() {
        return (int) subscribers.get();
    }

    /**
     * The stream for one client: a {@code hello} event with the current id, what it missed since {@code lastEventId} (or
     * a {@code resync}), then every new event, with a comment every {@code keep-alive} to hold proxies open.
     */
    public Flux<ServerSentEvent<Object>> stream(Long lastEventId) {
        return Flux.defer(() -> {
            long now = sequence.get();
            long oldestKept = Math.max(firstId, now - replay + 1);
            boolean resume = lastEventId != null && lastEventId >= oldestKept - 1 && lastEventId <= now;
            long after = resume ? lastEventId : now;
            // the replay sink hands each new subscriber its kept history: keep only what this client has not seen
            Flux<ServerSentEvent<Object>> events = sink.asFlux()
                    .filter(e -> e.id() > after)
                    .map(e -> ServerSentEvent.<Object>builder(e.data()).id(Long.toString(e.id())).event(e.type()).build());
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("lastId", now);
            hello.put("resumed", resume);
            ServerSentEvent<Object> first = ServerSentEvent.<Object>builder(hello).event(lastEventId != null && !resume ? "resync" : "hello")
                    .retry(Duration.ofMillis(retryMillis)).build();
            Flux<ServerSentEvent<Object>> pings = Flux.interval(keepAlive).map(i -> ServerSentEvent.<Object>builder().comment("keep-alive").build());
            return Flux.concat(Flux.just(first), Flux.merge(events, pings))
                    .doOnSubscribe(s -> subscribers.incrementAndGet())
                    .doFinally(s -> subscribers.decrementAndGet());
        });
    }

    /**
     * Fixed rate, not fixed delay: with virtual threads the application's scheduler runs every fixed-delay job on its one
     * scheduler thread, so a long rollup (the overview's own on a city-scale year takes seconds) held the poll back and the
     * incidents of those seconds reached the pages late, several in one event. A fixed-rate run gets a thread of its
     * own; {@link #polling} keeps runs from overlapping (a late answer must not overwrite a newer one).
     */
    @Scheduled(fixedRateString = "${govshare.overview.live-poll:PT0.5S}", initialDelayString = "PT5S")
    public void poll() {
        if (subscribers.get() == 0) {
            lastConnection = null; // nobody listens: ask nothing, and start from a fresh baseline when someone does
            return;
        }
        if (!polling.compareAndSet(false, true)) {
            return; // the previous poll is still asking
        }
        try {
            record Seen(ConnectionFacts.Change connection, long anomaly, long verdict) {
            }
            Seen seen = db.inTransaction(Actor.system("overview-live"),
                    dsl -> new Seen(connection.change(dsl), anomalies.lastId(dsl), eligibility.lastVerdictId(dsl)));
            detect(seen.connection(), seen.anomaly(), seen.verdict());
        } catch (RuntimeException e) {
            log.debug("Overview live poll failed", e);
        } finally {
            polling.set(false);
        }
    }

    /** Compares what changed last with the previous answer and publishes what is new. */
    synchronized void detect(ConnectionFacts.Change now, long anomaly, long verdict) {
        ConnectionFacts.Change before = lastConnection;
        long anomalyBefore = lastAnomaly;
        long verdictBefore = lastVerdict;
        lastConnection = now;
        lastAnomaly = anomaly;
        lastVerdict = verdict;
        if (before == null) {
            return; // baseline
        }
        if (now.lastIncidentId() != before.lastIncidentId() || now.openIncidents() != before.openIncidents()) {
            publish("incident", Map.of("lastIncidentId", now.lastIncidentId(), "openIncidents", now.openIncidents()));
        }
        if (now.lastCheckAt() != null && !now.lastCheckAt().equals(before.lastCheckAt())) {
            publish("measurement", Map.of("lastCheckAt", now.lastCheckAt().toString()));
        }
        if (anomalyBefore >= 0 && anomaly > anomalyBefore) {
            publish("anomaly", Map.of("lastAnomalyId", anomaly));
        }
        if (verdictBefore >= 0 && verdict > verdictBefore) {
            publish("verdict", Map.of("lastVerdictId", verdict));
        }
    }
}
