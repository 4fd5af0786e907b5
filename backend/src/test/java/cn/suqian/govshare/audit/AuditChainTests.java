package cn.suqian.govshare.audit;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static cn.suqian.govshare.db.schema.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class AuditChainTests {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Test
    void a_change_records_who_when_and_what_before_and_after() {
        Api.as(port, "dept-health").put().uri("/api/v1/organisations/health/contact")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contactPerson", "卫健联络员", "contactPhone", "0527-84350000"))
                .exchange().expectStatus().isOk();

        Api.as(port, "auditor").get().uri("/api/v1/audit?entityType=organisation&entityId=health&limit=1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].actor").isEqualTo("dept-health")
                .jsonPath("$.items[0].actorOrganisation").isEqualTo("health")
                .jsonPath("$.items[0].action").isEqualTo("UPDATE")
                .jsonPath("$.items[0].before.contact_person").doesNotExist()
                .jsonPath("$.items[0].after.contact_person").isEqualTo("卫健联络员")
                .jsonPath("$.items[0].occurredAt").exists();
    }

    @Test
    void repeating_the_same_change_records_nothing_new() {
        var body = Map.of("contactPerson", "同一人", "contactPhone", "0527-84351111");
        Api.as(port, "dept-civil-affairs").put().uri("/api/v1/organisations/civil-affairs/contact")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk();
        int before = dsl.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ENTITY_ID.eq("civil-affairs"));
        Api.as(port, "dept-civil-affairs").put().uri("/api/v1/organisations/civil-affairs/contact")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk();
        assertThat(dsl.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ENTITY_ID.eq("civil-affairs"))).isEqualTo(before);
    }

    @Test
    void passwords_never_reach_the_audit_trail() {
        assertThat(dsl.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ENTITY_TYPE.eq("app_user"))).isPositive();
        assertThat(dsl.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ENTITY_TYPE.eq("app_user")
                .and(AUDIT_EVENT.AFTER_STATE.cast(String.class).contains("password_hash")))).isZero();
    }

    @Test
    void the_trail_is_append_only() {
        long id = dsl.select(org.jooq.impl.DSL.max(AUDIT_EVENT.ID)).from(AUDIT_EVENT).fetchOne(0, Long.class);
        assertThatThrownBy(() -> dsl.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR, "someone else").where(AUDIT_EVENT.ID.eq(id)).execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.ID.eq(id)).execute())
                .hasMessageContaining("append-only");
    }

    @Test
    void concurrent_writers_still_form_one_unbroken_chain() throws Exception {
        try (var pool = Executors.newFixedThreadPool(6)) {
            var futures = IntStream.range(0, 30).mapToObj(i -> pool.submit(() ->
                    Api.as(port, "admin").put().uri("/api/v1/organisations/statistics/contact")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("contactPerson", "统计" + i))
                            .exchange().expectStatus().isOk())).toList();
            for (var f : futures) {
                f.get();
            }
        }
        Api.as(port, "auditor").get().uri("/api/v1/audit/verify").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.intact").isEqualTo(true).jsonPath("$.firstBrokenId").doesNotExist();
    }

    /** A superuser who bypasses the append-only trigger and edits a past row is caught, and the row named. */
    @Test
    void tampering_with_a_past_row_is_detected_and_located() {
        try {
            dsl.transaction(cfg -> {
                var tx = cfg.dsl();
                // Inside a transaction that is rolled back, so the shared database stays intact.
                tx.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
                long victim = tx.select(org.jooq.impl.DSL.min(AUDIT_EVENT.ID)).from(AUDIT_EVENT)
                        .where(AUDIT_EVENT.ENTITY_TYPE.eq("organisation")).fetchOne(0, Long.class);
                tx.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR, "nobody").where(AUDIT_EVENT.ID.eq(victim)).execute();
                var result = new AuditTrail().verify(tx);
                assertThat(result.intact()).isFalse();
                assertThat(result.firstBrokenId()).isEqualTo(victim);
                assertThat(result.reason()).contains("content");
                throw new RollbackOnPurpose();
            });
        } catch (RollbackOnPurpose expected) {
            // the scratch change is gone
        }
        assertThat(new AuditTrail().verify(dsl).intact()).isTrue();
    }

    @Test
    void deleting_a_past_row_is_detected() {
        try {
            dsl.transaction(cfg -> {
                var tx = cfg.dsl();
                tx.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
                long victim = tx.select(org.jooq.impl.DSL.max(AUDIT_EVENT.ID)).from(AUDIT_EVENT).fetchOne(0, Long.class) - 2;
                tx.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.ID.eq(victim)).execute();
                var result = new AuditTrail().verify(tx);
                assertThat(result.intact()).isFalse();
                assertThat(result.firstBrokenId()).isEqualTo(victim + 1);
                throw new RollbackOnPurpose();
            });
        } catch (RollbackOnPurpose expected) {
            // the scratch changes are gone
        }
        assertThat(new AuditTrail().verify(dsl).intact()).isTrue();
    }

    static final class RollbackOnPurpose extends RuntimeException {
    }
}
