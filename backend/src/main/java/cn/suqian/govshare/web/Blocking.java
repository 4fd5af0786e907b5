package cn.suqian.govshare.web;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one way to run blocking work that is not database work from a request — password hashing, reading and
 * writing spreadsheets, parsing large request bodies — so it never runs on the event loop (database work goes
 * through {@code db.Db}). It runs on a bounded pool of platform threads: this work is CPU-bound, and on
 * virtual threads it would hold their few carrier threads (one per core) and stall the database work queued
 * behind it. Beyond {@code threads} running and {@code queue} waiting, work is refused at once with
 * {@link BusyException} (503) instead of piling up.
 */
@Component
public class Blocking implements DisposableBean {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Scheduler scheduler;

    public Blocking(@Value("${govshare.blocking.threads:0}") int threads, @Value("${govshare.blocking.queue:256}") int queue) {
        int cap = threads > 0 ? threads : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.scheduler = Schedulers.newBoundedElastic(cap, queue, "blocking", 60, true);
    }

    /** Runs {@code work} off the event loop; a full queue fails fast with {@link BusyException}. */
    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler).onErrorMap(RejectedExecutionException.class, Blocking::busy);
    }

    /** The scheduler itself, for framework code that takes one (e.g. the password check at sign-in). */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** What a refusal by the full queue becomes: 503, try again shortly. */
    public static BusyException busy(RejectedExecutionException e) {
        BusyException busy = new BusyException("The service is busy; try again shortly", RETRY_AFTER);
        busy.initCause(e);
        return busy;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
