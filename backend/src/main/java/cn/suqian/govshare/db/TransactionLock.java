package cn.suqian.govshare.db;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A PostgreSQL advisory lock held by the calling transaction until it ends: work on the same named thing is serialised
 * across transactions and replicas (the name is hashed with {@code hashtext}).
 */
public final class TransactionLock {

    private TransactionLock() {
    }

    /** Waits until no other transaction holds {@code name}, then holds it to this transaction's end. */
    public static void take(DSLContext dsl, String name) {
        dsl.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.function("hashtext", Integer.class, DSL.val(name))))
                .fetch();
    }

    /**
     * Waits until no other transaction holds {@code name} exclusively ({@link #take}), then holds it shared to this
     * transaction's end: shared holders run side by side, and keep an exclusive taker waiting.
     */
    public static void takeShared(DSLContext dsl, String name) {
        dsl.select(DSL.function("pg_advisory_xact_lock_shared", Object.class, DSL.function("hashtext", Integer.class, DSL.val(name))))
                .fetch();
    }
}
