package cn.suqian.govshare.db;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The one way to reach the database from a request or a job. JDBC blocks, so every unit of work runs on
 * a virtual thread (never on the event loop) inside exactly one transaction. The transaction carries the
 * acting user in {@code govshare.actor} settings, which the audit triggers record with every change.
 * Concurrency is bounded by the connection pool.
 */
@Component
public class Db implements AutoCloseable {

    private final DSLContext dsl;
    private final ExecutorService executor;
    private final Scheduler scheduler;

    public Db(DSLContext dsl) {
        this.dsl = dsl;
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("db-", 0).factory());
        this.scheduler = Schedulers.fromExecutorService(executor, "db");
    }

    /** Runs {@code work} in one transaction as the signed-in user (or the system when there is none). */
    public <T> Mono<T> tx(Function<DSLContext, T> work) {
        return currentActor().flatMap(actor -> tx(actor, work));
    }

    /** Runs {@code work} in one transaction as the given actor. */
    public <T> Mono<T> tx(Actor actor, Function<DSLContext, T> work) {
        return Mono.fromCallable(() -> inTransaction(actor, work)).subscribeOn(scheduler);
    }

    /**
     * Blocking form for code that is already off the event loop (scheduled jobs, start-up runners).
     * Never call it from a request handler.
     */
    public <T> T inTransaction(Actor actor, Function<DSLContext, T> work) {
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
