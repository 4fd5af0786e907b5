package cn.suqian.govshare.db;

import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

import static cn.suqian.govshare.db.schema.Tables.AUDIT_EVENT;
import static cn.suqian.govshare.db.schema.Tables.ORGANISATION;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DbTests {

    @Autowired
    Db db;

    @Autowired
    DSLContext dsl;

    @Test
    void work_runs_on_a_virtual_thread_not_the_caller() {
        Thread caller = Thread.currentThread();
        StepVerifier.create(db.tx(Actor.system("test"), tx -> Thread.currentThread()))
                .assertNext(t -> {
                    assertThat(t).isNotSameAs(caller);
                    assertThat(t.isVirtual()).isTrue();
                })
                .verifyComplete();
    }

    @Test
    void a_failing_unit_of_work_leaves_nothing_half_written() {
        long auditBefore = dsl.fetchCount(AUDIT_EVENT);
        StepVerifier.create(db.tx(Actor.system("test"), tx -> {
                    tx.update(ORGANISATION).set(ORGANISATION.CONTACT_PERSON, "半途").where(ORGANISATION.CODE.eq("planning")).execute();
                    throw new IllegalStateException("second step fails");
                }))
                .expectErrorMessage("second step fails")
                .verify();
        assertThat(dsl.fetchValue(ORGANISATION.CONTACT_PERSON, ORGANISATION.CODE.eq("planning"))).isNull();
        assertThat((long) dsl.fetchCount(AUDIT_EVENT)).isEqualTo(auditBefore);
    }

    @Test
    void the_actor_of_the_transaction_is_what_the_audit_trail_records() {
        db.inTransaction(new Actor("someone", "transport"), tx ->
                tx.update(ORGANISATION).set(ORGANISATION.CONTACT_PERSON, "交通").where(ORGANISATION.CODE.eq("transport")).execute());
        var last = dsl.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ENTITY_ID.eq("transport")).orderBy(AUDIT_EVENT.ID.desc()).limit(1).fetchOne();
        assertThat(last.getActor()).isEqualTo("someone");
        assertThat(last.getActorOrganisation()).isEqualTo("transport");
    }

    @Test
    void a_deferred_commit_is_durable_once_a_flushing_transaction_after_it_has_committed() {
        String[] committedUpTo = new String[1];
        db.inTransaction(Actor.system("test"), tx -> {
            CommitFlush.deferred(tx);
            assertThat(value(tx, String.class, "SELECT current_setting('synchronous_commit')")).isEqualTo("off");
            return tx.update(ORGANISATION).set(ORGANISATION.CONTACT_PERSON, "异步").where(ORGANISATION.CODE.eq("transport")).execute();
        });
        // the deferred commit's record lies before the log's end as read now (the setting ended with its transaction)
        committedUpTo[0] = value(dsl, String.class, "SELECT pg_current_wal_insert_lsn()::text");
        assertThat(value(dsl, Boolean.class, "SELECT setting = reset_val FROM pg_settings WHERE name = 'synchronous_commit'"))
                .as("the deferral ended with its transaction").isTrue();
        db.inTransaction(Actor.system("test"), tx -> {
            tx.execute("SET LOCAL synchronous_commit = on"); // as a durable server has it (the throw-away test server has not)
            CommitFlush.flushing(tx);
            assertThat(value(tx, Boolean.class, "SELECT pg_current_xact_id_if_assigned() IS NOT NULL"))
                    .as("it wrote to the log, so that its commit flushes it").isTrue();
            return null;
        });
        assertThat(value(dsl, Boolean.class, "SELECT pg_current_wal_flush_lsn() >= ?::pg_lsn", committedUpTo[0]))
                .as("the log is flushed past the deferred commit").isTrue();
    }

    private static <T> T value(DSLContext dsl, Class<T> type, String sql, Object... bindings) {
        return dsl.fetchSingle(sql, bindings).get(0, type);
    }
}
