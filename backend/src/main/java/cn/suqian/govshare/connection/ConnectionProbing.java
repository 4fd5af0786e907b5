package cn.suqian.govshare.connection;

import cn.suqian.govshare.db.Db;
import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The probing tick. Once a second, on one replica at a time (ShedLock), the targets that are due are
 * claimed — their next due time moved a jittered interval ahead in the same transaction, so no other replica
 * takes them — and handed to one long-lived pipeline that probes with bounded concurrency and stores results
 * in batches. A slow or hanging target holds one slot until its own timeout, never the tick or the others.
 * If a replica dies with probes in flight, those targets are simply due again one interval later.
 */
@Component
public class ConnectionProbing {

    private static final Logger log = LoggerFactory.getLogger(ConnectionProbing.class);
    static final String NODE = node();

    private final ConnectionMonitor monitor;
    private final ConnectionProbes probes;
    private final Db db;
    private final int concurrency;
    private final int claimLimit;
    private final Sinks.Many<ConnectionMonitor.Due> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong probed = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final Disposable pipeline;

    ConnectionProbing(ConnectionMonitor monitor, ConnectionProbes probes, Db db,
                      @Value("${govshare.connection.probe-concurrency:512}") int concurrency,
                      @Value("${govshare.connection.claim-limit:5000}") int claimLimit) {
        this.monitor = monitor;
        this.probes = probes;
        this.db = db;
        this.concurrency = concurrency;
        this.claimLimit = claimLimit;
        this.pipeline = queue.asFlux()
                .flatMap(due -> check(due).doFinally(s -> inFlight.decrementAndGet()), concurrency)
                // fair back-pressure: while a batch is being stored, results wait instead of overflowing the buffer
                .bufferTimeout(500, Duration.ofMillis(500), ConnectionProbes.TIMER, true)
                .concatMap(batch -> Mono.fromCallable(() -> monitor.record(batch)).subscribeOn(db.scheduler())
                        // a transaction that lost a lock conflict is simply tried again
                        .retryWhen(reactor.util.retry.Retry.backoff(3, Duration.ofMillis(100))
                                .filter(e -> e instanceof org.springframework.dao.ConcurrencyFailureException))
                        .doOnError(e -> {
                            storeFailures.incrementAndGet();
                            log.error("Storing {} connection checks failed", batch.size(), e);
                        })
                        .onErrorResume(e -> Mono.empty()))
                .subscribe(outcome -> probed.addAndGet(outcome.checks()));
    }

    @Scheduled(fixedDelayString = "${govshare.connection.tick:PT1S}", initialDelayString = "PT5S")
    @SchedulerLock(name = "connection-probing", lockAtMostFor = "PT1M")
    public void tick() {
        // a replica whose pipeline is still full does not claim more than it can start soon
        int room = Math.max(0, Math.min(claimLimit, concurrency * 4 - inFlight.get()));
        if (room == 0) {
            return;
        }
        List<ConnectionMonitor.Due> due = monitor.claim(OffsetDateTime.now(), NODE, room);
        for (ConnectionMonitor.Due d : due) {
            inFlight.incrementAndGet();
            queue.emitNext(d, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        }
    }

    /** Claims what is due at {@code now}, probes it and stores the results; completes when all are stored (tests, "probe now"). */
    public Mono<ConnectionMonitor.Outcome> runDue(OffsetDateTime now) {
        return runDue(now, null);
    }

    /** The same among the given targets only (null: all). */
    public Mono<ConnectionMonitor.Outcome> runDue(OffsetDateTime now, java.util.Collection<String> only) {
        return Mono.fromCallable(() -> monitor.claim(now, NODE, claimLimit, only)).subscribeOn(db.scheduler())
                .flatMap(due -> Flux.fromIterable(due).flatMap(this::check, concurrency).collectList())
                .flatMap(results -> Mono.fromCallable(() -> monitor.record(results)).subscribeOn(db.scheduler()));
    }

    /** Probes one target (or notes its missed heartbeat). */
    Mono<CheckResult> check(ConnectionMonitor.Due due) {
        if (due.missedHeartbeat()) {
            return Mono.just(CheckResult.failure(due.spec().targetCode(), OffsetDateTime.now(), CheckCause.MISSED_HEARTBEAT,
                    "no heartbeat within the expected interval", null, null, CheckSource.WATCHDOG));
        }
        return probes.probe(due.spec());
    }

    /** Probes in flight on this replica, and results stored since start: for the status page and the benchmark. */
    public record Load(int inFlight, long stored, long storeFailures) {
    }

    public Load load() {
        return new Load(inFlight.get(), probed.get(), storeFailures.get());
    }

    @PreDestroy
    void stop() {
        pipeline.dispose();
    }

    private static String node() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ManagementFactory.getRuntimeMXBean().getPid();
        } catch (Exception e) {
            return "node/" + ProcessHandle.current().pid();
        }
    }
}
