package cn.suqian.govshare.db;

import org.jooq.DSLContext;

/**
 * When a transaction's commit waits for its write-ahead log to reach disk. A transaction that holds a lock other
 * writers queue for can commit without waiting ({@link #deferred}) — releasing the lock a flush sooner — provided a
 * later transaction of the same work commits {@link #flushing} before anyone is told it is stored: the log is one
 * sequence, so flushing a later commit record makes every earlier commit durable with it.
 */
public final class CommitFlush {

    private CommitFlush() {
    }

    /**
     * This transaction's commit does not wait for its log to be flushed (it becomes visible at once and durable
     * within the server's WAL-writer delay). The caller must end the work with a {@link #flushing} transaction
     * before it answers.
     */
    public static void deferred(DSLContext dsl) {
        dsl.execute("SET LOCAL synchronous_commit = off");
    }

    /**
     * This transaction's commit waits for the log to be flushed up to it, even if it changes nothing else: it writes a
     * transactional message to the log (ignored by everything but logical decoding), and a transaction that wrote to
     * the log flushes it at commit. Every commit before it is durable once it has committed.
     */
    public static void flushing(DSLContext dsl) {
        dsl.fetchValue("SELECT pg_logical_emit_message(true, 'govshare', 'flush')");
    }
}
