package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.InvalidInputException;
import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_COLLECTOR_RUN;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SOURCE;

/**
 * The pull collector, for exchange platforms that cannot push. For each due source it asks
 * {@code GET <url>?cursor=<cursor>} and expects {@code {"records":[interval statistics...], "nextCursor":"…"}}.
 * The page is ingested and the cursor advanced in one transaction, so a restart resumes exactly where it
 * stopped: no gap, no double count. Re-sent intervals replace (a page served again on the same cursor with
 * more records is a correction; only an identical page is a replay). Failures are retried with backoff
 * within a run (3 attempts), then the source backs off exponentially (capped at an hour).
 * <p>
 * Due sources run concurrently (at most {@code collector-concurrency} at once), each with its own deadline
 * ({@code collector-run-timeout}) and backoff, so a slow or failing platform delays no other. Each source
 * runs under its own ShedLock lock held for {@code collector-lock} (50 s) and extended every half of that while
 * the run is alive: a process killed mid-run blocks that source for at most those 50 s, after which the next
 * poll on any replica takes it over and marks the interrupted run {@code ABANDONED} - a crash costs at most
 * one poll interval plus a minute.
 * <p>
 * A page the collector cannot take as it is (a malformed record, say) is kept with its reasons for the office
 * ({@link CollectorRefusedPages}), logged as an error and counted in the {@code govshare.collector.refused.pages}
 * gauge; the source then waits for the office's decision on that page, or, when its policy says
 * {@code ACCEPT_VALID}, takes the valid records at once and keeps the others as refused records.
 */
@Component
public class Collector {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);
    static final int ATTEMPTS = 3;
    static final int MAX_PAGES_PER_RUN = 50;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final Db db;
    private final ExchangeIngest ingest;
    private final PartitionsAhead partitions;
    private final CollectorRefusedPages refusedPages;
    private final LockProvider locks;
    private final ScheduledExecutorService keepAlive;
    private final ExecutorService runners = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("collector-", 0).factory());
    private final Semaphore slots;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Duration lockAtMostFor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Duration retryPause = Duration.ofSeconds(2);
    private volatile Duration runTimeout;

    Collector(Db db, ExchangeIngest ingest, PartitionsAhead partitions, CollectorRefusedPages refusedPages, LockProvider lockProvider,
              @Value("${govshare.exchange.collector-concurrency:4}") int concurrency,
              @Value("${govshare.exchange.collector-run-timeout:PT5M}") Duration runTimeout,
              @Value("${govshare.exchange.collector-lock:PT50S}") Duration lockAtMostFor) {
        this.db = db;
        this.ingest = ingest;
        this.partitions = partitions;
        this.refusedPages = refusedPages;
        this.slots = new Semaphore(Math.max(1, concurrency));
        this.runTimeout = runTimeout;
        this.lockAtMostFor = lockAtMostFor;
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("collector-lock-keep-alive").factory());
        // the lock is extended every lockAtMostFor/2 while a run holds it; a dead process stops extending it
        this.locks = lockProvider instanceof ExtensibleLockProvider extensible
                ? new KeepAliveLockProvider(extensible, keepAlive) : lockProvider;
    }

    @PreDestroy
    void stop() {
        runners.shutdownNow();
        keepAlive.shutdownNow();
    }

    /** Tests shorten the pause between attempts. */
    void retryPause(Duration pause) {
        this.retryPause = pause;
    }

    /** Tests shorten a source's deadline. */
    void runTimeout(Duration timeout) {
        this.runTimeout = timeout;
    }

    /**
     * Starts every due source that is not already running here and returns at once: one source's slowness
     * never holds the poll. No cluster-wide lock on the poll itself: each source takes its own.
     */
    @Scheduled(fixedDelayString = "${govshare.exchange.collector-poll:PT15S}", initialDelayString = "PT10S")
    public void scheduled() {
        dispatchDue(OffsetDateTime.now());
    }

    /** At start-up: runs left RUNNING by a crash (whose lock is free) are marked ABANDONED. */
    @EventListener(ApplicationReadyEvent.class)
    public void abandonInterruptedRuns() {
        try {
            var sources = db.inTransaction(Actor.system("exchange-collector"), dsl -> dsl.selectDistinct(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE)
                    .from(EXCHANGE_COLLECTOR_RUN).where(EXCHANGE_COLLECTOR_RUN.STATUS.eq(CollectorRun.Status.RUNNING))
                    .fetch(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE));
            for (String code : sources) {
                lock(code).ifPresent(lock -> {
                    try {
                        db.inTransaction(Actor.system("exchange-collector"), dsl -> abandon(dsl, code));
                    } finally {
                        lock.unlock();
                    }
                });
            }
            refusedPages.refreshOpenCount();
        } catch (RuntimeException e) {
            log.warn("Collector: could not look for interrupted runs at start-up: {}", e.toString());
        }
    }

    /** Runs every enabled source whose next run is due, concurrently, and waits for them; returns how many were started. Blocking. */
    public int runDue(OffsetDateTime now) {
        List<CompletableFuture<Void>> started = dispatchDue(now);
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
        return started.size();
    }

    List<CompletableFuture<Void>> dispatchDue(OffsetDateTime now) {
        var due = db.inTransaction(Actor.system("exchange-collector"), dsl -> dsl.select(EXCHANGE_SOURCE.CODE).from(EXCHANGE_SOURCE)
                .where(EXCHANGE_SOURCE.ENABLED.isTrue()).and(EXCHANGE_SOURCE.NEXT_RUN_AT.le(now))
                .orderBy(EXCHANGE_SOURCE.NEXT_RUN_AT).fetch(EXCHANGE_SOURCE.CODE));
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (String code : due) {
            if (!inFlight.add(code)) {
                continue; // still running here from an earlier poll
            }
            started.add(CompletableFuture.runAsync(() -> {
                try {
                    slots.acquire();
                    try {
                        runLocked(code, true);
                    } finally {
                        slots.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("Collector source {}: {}", code, e.toString());
                } finally {
                    inFlight.remove(code);
                }
            }, runners));
        }
        return started;
    }

    /** One run of one source now, whether due or not, unless another run of it holds its lock. Blocking. */
    public void run(String code) {
        runLocked(code, false);
    }

    /** The source's lock name (ShedLock names are at most 64 characters). */
    static String lockName(String code) {
        String name = "collector:" + code;
        return name.length() <= 64 ? name : name.substring(0, 50) + "~" + Integer.toHexString(code.hashCode());
    }

    Optional<SimpleLock> lock(String code) {
        return locks.lock(new LockConfiguration(Instant.now(), lockName(code), lockAtMostFor, Duration.ZERO));
    }

    private void runLocked(String code, boolean onlyIfDue) {
        Optional<SimpleLock> lock = lock(code);
        if (lock.isEmpty()) {
            return; // another process (or thread) runs this source
        }
        try {
            runHoldingLock(code, onlyIfDue);
        } finally {
            lock.get().unlock();
        }
    }

    /** Whoever holds a source's lock is the only one running it: any run still RUNNING was interrupted by a crash. */
    static int abandon(DSLContext dsl, String code) {
        var r = EXCHANGE_COLLECTOR_RUN;
        var abandoned = dsl.update(r).set(r.STATUS, CollectorRun.Status.ABANDONED).set(r.ABANDONED_AT, OffsetDateTime.now())
                .where(r.SOURCE_CODE.eq(code)).and(r.STATUS.eq(CollectorRun.Status.RUNNING)).returning(r.ID, r.NODE).fetch();
        for (var run : abandoned) {
            log.warn("Collector source {}: run {} (on {}) was interrupted by a crash and is marked ABANDONED", code, run.getId(), run.getNode());
        }
        return abandoned.size();
    }

    private void runHoldingLock(String code, boolean onlyIfDue) {
        Actor actor = Actor.system("exchange-collector");
        var source = db.inTransaction(actor, dsl -> {
            abandon(dsl, code);
            var s = dsl.selectFrom(EXCHANGE_SOURCE).where(EXCHANGE_SOURCE.CODE.eq(code)).fetchOne();
            // another replica may have run it between our poll and our lock
            return s == null || onlyIfDue && (!s.getEnabled() || s.getNextRunAt().isAfter(OffsetDateTime.now())) ? null : s;
        });
        if (source == null) {
            return;
        }
        long runId = db.inTransaction(actor, dsl -> dsl.insertInto(EXCHANGE_COLLECTOR_RUN)
                .set(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE, code).set(EXCHANGE_COLLECTOR_RUN.STARTED_AT, OffsetDateTime.now())
                .set(EXCHANGE_COLLECTOR_RUN.STATUS, CollectorRun.Status.RUNNING).set(EXCHANGE_COLLECTOR_RUN.CURSOR_BEFORE, source.getCursor())
                .set(EXCHANGE_COLLECTOR_RUN.NODE, NODE)
                .returningResult(EXCHANGE_COLLECTOR_RUN.ID).fetchOne().value1());
        long deadline = System.nanoTime() + runTimeout.toNanos();
        String cursor = source.getCursor();
        int records = 0;
        int attempts = 0;
        boolean more = false;
        try {
            for (int page = 0; page < MAX_PAGES_PER_RUN; page++) {
                if (System.nanoTime() > deadline) {
                    more = true; // the rest next time, soon: the deadline keeps one source from holding a slot for ever
                    break;
                }
                String url = source.getUrl() + (source.getUrl().contains("?") ? "&" : "?") + "cursor="
                        + URLEncoder.encode(cursor == null ? "" : cursor, StandardCharsets.UTF_8);
                byte[] body = null;
                for (int attempt = 1; attempt <= ATTEMPTS && body == null; attempt++) {
                    attempts++;
                    try {
                        body = fetch(url, source.getAuthHeader(), deadline);
                    } catch (Exception e) {
                        if (attempt == ATTEMPTS || e instanceof InterruptedException) {
                            throw e;
                        }
                        Thread.sleep(retryPause.multipliedBy((long) Math.pow(2, attempt - 1)).toMillis());
                    }
                }
                Page served = Page.read(body, cursor);
                if (served.empty()) {
                    advance(actor, code, cursor, served.next());
                    cursor = served.next();
                    break;
                }
                int taken = take(actor, code, source.getRefusedPagePolicy(), runId, served, body);
                records += taken;
                if (served.next() == null || served.next().equals(cursor)) {
                    cursor = served.next() == null ? cursor : served.next();
                    break;
                }
                cursor = served.next();
            }
            finish(runId, code, CollectorRun.Status.SUCCEEDED, attempts, records, cursor, null, more ? 0 : source.getIntervalSeconds(), 0);
        } catch (CursorMoved e) {
            finish(runId, code, CollectorRun.Status.SUCCEEDED, attempts, records, e.now, null, 0, 0);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            ExchangeReason.Given failure = failure(e);
            if (!(e instanceof PageRefused)) {
                log.warn("Collector source {} failed after {} attempt(s): {}", code, attempts, failure.english());
            }
            finish(runId, code, CollectorRun.Status.FAILED, attempts, records, cursor, failure, source.getIntervalSeconds(), source.getFailures() + 1);
        }
    }

    /** A page as served: its records' count (-1 when it is not JSON), the cursor it points to, the cursor it was asked for. */
    record Page(int count, String next, String cursor) {

        static Page read(byte[] body, String cursor) {
            try {
                JsonNode node = BatchBody.JSON.readTree(body);
                String next = node.path("nextCursor").isMissingNode() || node.path("nextCursor").isNull() ? cursor : node.path("nextCursor").asString();
                return new Page(node.path("records").size(), next, cursor);
            } catch (RuntimeException e) {
                return new Page(-1, null, cursor);
            }
        }

        boolean empty() {
            return count == 0;
        }
    }

    /** The cursor the source stands on is no longer the one this run asked with (the office decided on a page meanwhile). */
    static final class CursorMoved extends RuntimeException {

        final String now;

        CursorMoved(String now) {
            super("cursor moved", null, false, false);
            this.now = now;
        }
    }

    /** The page was refused and kept for the office; the source waits for its decision. */
    static final class PageRefused extends InvalidInputException {

        PageRefused(InvalidInputException refusal) {
            super(refusal.problems());
        }
    }

    /**
     * Takes one page: ingested and the cursor moved in one transaction, or kept as refused. Returns how many
     * records were taken. The Idempotency-Key names the cursor and the page's content: the same page again is a
     * replay, a page that grew on the same cursor is a new batch whose intervals replace those received before.
     */
    private int take(Actor actor, String code, CollectorSources.RefusedPagePolicy policy, long runId, Page page, byte[] body) {
        var batch = ingest.parseStats(body, "application/json"); // parsed before the transaction takes a connection
        var decided = db.inTransaction(actor, dsl -> refusedPages.decided(dsl, code, page.cursor(), batch.sha()));
        if (decided != null) {
            // the office already decided on exactly this page (skipped, or took its valid records)
            advance(actor, code, page.cursor(), decided.getNextCursor() == null ? page.cursor() : decided.getNextCursor());
            return 0;
        }
        InvalidInputException refusal = batch.refusal();
        if (refusal == null) {
            // partitions made in a short transaction of their own, not by the page's (a back-fill would hold the parent)
            partitions.ensureNow(actor, cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT,
                    batch.stats().stream().filter(java.util.Objects::nonNull).map(IntervalStat::intervalStart).toList());
            try {
                return db.inTransaction(actor, dsl -> {
                    var result = ingest.ingestStats(dsl, "collector:" + code, idempotencyKey(page.cursor(), batch.sha()), batch);
                    moveCursor(dsl, code, page.cursor(), page.next());
                    refusedPages.supersede(dsl, code, page.cursor());
                    return result.replayed() ? 0 : result.lines();
                });
            } catch (InvalidInputException e) {
                refusal = e; // e.g. two names attributed to the same organisation in one interval
            }
        }
        InvalidInputException refused = refusal;
        long pageId = db.inTransaction(actor, dsl -> {
            long id = refusedPages.keep(dsl, code, page.cursor(), page.next(), batch.sha(), body, Math.max(page.count(), 0), refused.problems());
            dsl.update(EXCHANGE_COLLECTOR_RUN).set(EXCHANGE_COLLECTOR_RUN.REFUSED_PAGE_ID, id).where(EXCHANGE_COLLECTOR_RUN.ID.eq(runId)).execute();
            return id;
        });
        if (policy == CollectorSources.RefusedPagePolicy.ACCEPT_VALID) {
            var applied = db.inTransaction(actor, dsl -> refusedPages.acceptValid(dsl, code, pageId, CollectorRefusedPages.Decision.ACCEPT_VALID,
                    "system:exchange-collector", "source policy: accept the valid records"));
            log.error("Collector source {}: page at cursor '{}' had {} refused record(s) ({}); by the source's policy its {} valid record(s) were taken "
                    + "and the others kept as refused records (refused page {})", code, page.cursor() == null ? "" : page.cursor(), applied.refused(),
                    summary(refused), applied.accepted(), pageId);
            refusedPages.refreshOpenCount();
            return applied.accepted();
        }
        refusedPages.refreshOpenCount();
        log.error("Collector source {}: page at cursor '{}' refused ({}); kept as refused page {}, the source waits for the office's decision "
                + "(skip the page or accept its valid records)", code, page.cursor() == null ? "" : page.cursor(), summary(refused), pageId);
        throw new PageRefused(refused);
    }

    private static String summary(InvalidInputException refusal) {
        return refusal.problems().size() + " problem(s): " + refusal.problems().stream().limit(3)
                .map(p -> (p.row() == null ? "" : "record " + p.row() + " ") + p.field() + ": " + p.reason())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    static String idempotencyKey(String cursor, String sha) {
        String c = cursor == null ? "" : cursor;
        if (c.length() > 150) {
            c = "sha256:" + ExchangeIngest.sha256(c.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        }
        return "cursor:" + c + "#" + sha.substring(0, 16);
    }

    private void advance(Actor actor, String code, String from, String to) {
        db.inTransaction(actor, dsl -> {
            moveCursor(dsl, code, from, to);
            return null;
        });
    }

    /** Moves the cursor only from where this run found it; otherwise the run stops (rolling back its page). */
    static void moveCursor(DSLContext dsl, String code, String from, String to) {
        int n = dsl.update(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.CURSOR, to).where(EXCHANGE_SOURCE.CODE.eq(code))
                .and(DSL.coalesce(EXCHANGE_SOURCE.CURSOR, "").eq(from == null ? "" : from)).execute();
        if (n == 0) {
            throw new CursorMoved(dsl.fetchValue(EXCHANGE_SOURCE.CURSOR, EXCHANGE_SOURCE.CODE.eq(code)));
        }
    }

    private byte[] fetch(String url, String authHeader, long deadline) throws Exception {
        long remaining = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(Math.min(REQUEST_TIMEOUT.toMillis(), remaining))).GET()
                .header("Accept", "application/json");
        if (authHeader != null && !authHeader.isBlank()) {
            request.header("Authorization", authHeader);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new HttpStatusException(response.statusCode(), url);
        }
        return response.body();
    }

    /** The source answered, but not with a page. */
    private static final class HttpStatusException extends IllegalStateException {

        final int status;
        final String url;

        HttpStatusException(int status, String url) {
            super("HTTP " + status + " from " + url);
            this.status = status;
            this.url = url;
        }
    }

    /** Why a run failed, as it is kept with the run. */
    static ExchangeReason.Given failure(Exception e) {
        if (e instanceof HttpStatusException h) {
            return ExchangeReason.Given.of(ExchangeReason.SOURCE_HTTP_STATUS, h.status, h.url);
        }
        if (e instanceof InvalidInputException invalid) {
            return ExchangeReason.Given.of(ExchangeReason.SOURCE_PAGE_REJECTED, invalid.problems().size(), invalid.problems().stream()
                    .limit(5).map(p -> (p.row() == null ? "" : "record " + p.row() + " ") + p.field() + ": " + p.reason())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return ExchangeReason.Given.of(ExchangeReason.SOURCE_FAILED, cause.substring(0, Math.min(cause.length(), 500)));
    }

    private void finish(long runId, String code, CollectorRun.Status status, int attempts, int records, String cursor, ExchangeReason.Given error,
                        int intervalSeconds, int failures) {
        long backoff = failures == 0 ? intervalSeconds : Math.min(3600, intervalSeconds * (1L << Math.min(failures, 12)));
        db.inTransaction(Actor.system("exchange-collector"), dsl -> {
            dsl.update(EXCHANGE_COLLECTOR_RUN).set(EXCHANGE_COLLECTOR_RUN.STATUS, status)
                    .set(EXCHANGE_COLLECTOR_RUN.FINISHED_AT, OffsetDateTime.now()).set(EXCHANGE_COLLECTOR_RUN.ATTEMPTS, attempts)
                    .set(EXCHANGE_COLLECTOR_RUN.RECORDS, records).set(EXCHANGE_COLLECTOR_RUN.CURSOR_AFTER, cursor)
                    .set(EXCHANGE_COLLECTOR_RUN.ERROR, error == null ? null : error.english().substring(0, Math.min(error.english().length(), 2000)))
                    .set(EXCHANGE_COLLECTOR_RUN.ERROR_CODE, error == null ? null : error.code().code())
                    .set(EXCHANGE_COLLECTOR_RUN.ERROR_PARAMS, error == null ? null : error.paramsJson())
                    .where(EXCHANGE_COLLECTOR_RUN.ID.eq(runId)).execute();
            return dsl.update(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.FAILURES, failures)
                    .set(EXCHANGE_SOURCE.NEXT_RUN_AT, OffsetDateTime.now().plusSeconds(backoff))
                    .where(EXCHANGE_SOURCE.CODE.eq(code)).execute();
        });
    }
}
