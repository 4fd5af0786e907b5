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
}
