package cn.suqian.govshare.db;

import cn.suqian.govshare.web.BusyException;
import com.zaxxer.hikari.HikariConfigMXBean;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The one way to reach the database from a request or a job. JDBC blocks, so every unit of work runs on
 * a virtual thread (never on the event loop) inside exactly one transaction. The transaction carries the
 * acting user in {@code govshare.actor} settings, which the audit triggers record with every change.
 * <p>
 * Concurrency is bounded by what the connection pool can serve: at most pool size plus {@code govshare.db.queue}
 * units of work at once (the queue waits briefly for a connection). A request beyond that is refused at once
 * with {@link BusyException} (503, Retry-After) instead of waiting up to the pool's 30 s timeout and failing
 * with 500. Jobs and start-up code ({@link #inTransaction}) wait for their turn instead.
 */
@Component
public class Db implements AutoCloseable {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** Bound while a unit of work holds a permit, so a nested {@link #inTransaction} does not take a second. */
    private static final ScopedValue<Boolean> HOLDS_PERMIT = ScopedValue.newInstance();

    private final DSLContext dsl;
    private final ExecutorService executor;
    private final Scheduler scheduler;
    final Semaphore permits;
    private final int capacity;

    public Db(DSLContext dsl, DataSource dataSource, @Value("${govshare.db.queue:16}") int queue) {
        this.dsl = dsl;
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("db-", 0).factory());
        this.scheduler = Schedulers.fromExecutorService(executor, "db");
        this.capacity = poolSize(dataSource) + Math.max(0, queue);
        this.permits = new Semaphore(capacity);
    }

    /** Runs {@code work} in one transaction as the signed-in user (or the system when there is none). */
    public <T> Mono<T> tx(Function<DSLContext, T> work) {
        return currentActor().flatMap(actor -> tx(actor, work));
    }

    /**
     * Runs {@code work} in one transaction as the given actor. Fails at once with {@link BusyException} when
     * the database is already serving all it can.
     */
    public <T> Mono<T> tx(Actor actor, Function<DSLContext, T> work) {
        return Mono.defer(() -> {
            Permit permit = Permit.take(permits);
            if (permit == null) {
                return Mono.error(new BusyException("The database is serving all it can (" + capacity
                        + " units of work); try again shortly", RETRY_AFTER));
            }
            return Mono.fromCallable(() -> permit.run(() -> ScopedValue.where(HOLDS_PERMIT, Boolean.TRUE)
                            .call(() -> transaction(actor, work))))
                    .subscribeOn(scheduler)
                    .doFinally(signal -> permit.releaseUnlessStarted());
        });
    }

    /**
     * Blocking form for code that is already off the event loop (scheduled jobs, start-up runners); waits for
     * a permit rather than failing. Never call it from a request handler.
     */
    public <T> T inTransaction(Actor actor, Function<DSLContext, T> work) {
        if (HOLDS_PERMIT.isBound()) {
            return transaction(actor, work);
        }
        permits.acquireUninterruptibly();
        try {
            return ScopedValue.where(HOLDS_PERMIT, Boolean.TRUE).call(() -> transaction(actor, work));
        } finally {
            permits.release();
        }
    }

    /** How many units of work may run or wait for a connection at once. */
    public int capacity() {
        return capacity;
    }

    private <T> T transaction(Actor actor, Function<DSLContext, T> work) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            tx.select(
                    DSL.function("set_config", String.class, DSL.inline("govshare.actor"), DSL.val(actor.name()), DSL.inline(true)),
                    DSL.function("set_config", String.class, DSL.inline("govshare.actor_organisation"),
                            DSL.val(actor.organisationCode() == null ? "" : actor.organisationCode()), DSL.inline(true)))
                    .fetch();
            return work.apply(tx);
        });
    }

    /** The scheduler Db work runs on; for the rare caller that must compose its own blocking step. */
    public Scheduler scheduler() {
        return scheduler;
    }

    private static int poolSize(DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(HikariConfigMXBean.class)) {
                return dataSource.unwrap(HikariConfigMXBean.class).getMaximumPoolSize();
            }
        } catch (SQLException e) {
            // not a Hikari pool: fall through to Hikari's own default
        }
        return 10;
    }

    /**
     * One unit of work's claim on the database. Released exactly once: when the work ends, or — if it is
     * cancelled or refused before it starts — right then.
     */
    private static final class Permit {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;

        private final Semaphore permits;
        private final AtomicInteger state = new AtomicInteger(WAITING);

        private Permit(Semaphore permits) {
            this.permits = permits;
        }

        static Permit take(Semaphore permits) {
            return permits.tryAcquire() ? new Permit(permits) : null;
        }

        <T> T run(Callable<T> work) throws Exception {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return null; // cancelled before it started; the permit is already back
            }
            try {
                return work.call();
            } finally {
                state.set(DONE);
                permits.release();
            }
        }

        void releaseUnlessStarted() {
            if (state.compareAndSet(WAITING, DONE)) {
                permits.release();
            }
        }
    }

    static Mono<Actor> currentActor() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .map(Db::actorOf)
                .defaultIfEmpty(Actor.system("anonymous"));
    }

    static Actor actorOf(Authentication authentication) {
        if (authentication.getPrincipal() instanceof Actor.Source source) {
            return source.actor();
        }
        return new Actor(authentication.getName(), null);
    }

    @Override
    public void close() {
        scheduler.dispose();
        executor.shutdown();
    }
}
