package cn.suqian.govshare.demo;

import cn.suqian.govshare.assessment.AssessmentRun;
import cn.suqian.govshare.assessment.Assessments;
import cn.suqian.govshare.assessment.PublicationState;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's current-year draft is run at start-up, before the simulated exchange's traffic and the probes' first
 * rounds exist; once the simulator's back-fill is in, it is run once more, and never over the office's own work.
 */
@IntegrationTest
class AssessmentDemoTests {

    @Autowired
    AssessmentDemo demo;

    @Autowired
    Assessments assessments;

    @Autowired
    Db db;

    /** The year's official runs (what-if comparisons other tests make are not the year's result). */
    List<AssessmentRun> runs(int year) {
        return db.inTransaction(RegistryDemoData.OFFICE.actor(), dsl -> assessments.yearView(dsl, year).runs()).stream()
                .filter(r -> r.purpose() == AssessmentRun.Purpose.OFFICIAL).toList();
    }

    @Test
    void the_draft_is_run_once_more_when_the_simulated_traffic_is_in_and_only_once() {
        int year = AssessmentDemo.LAST_YEAR + 1;
        String office = RegistryDemoData.OFFICE.actor().name();
        assertThat(runs(year)).singleElement().satisfies(r -> assertThat(r.startedBy()).isEqualTo(office));

        assertThat(demo.rerunDraft()).isTrue();
        List<AssessmentRun> after = runs(year);
        assertThat(after).hasSize(2).allSatisfy(r -> {
            assertThat(r.startedBy()).isEqualTo(office);
            assertThat(r.status()).isEqualTo(AssessmentRun.Status.DONE);
        });
        PublicationState state = db.inTransaction(RegistryDemoData.OFFICE.actor(), dsl -> assessments.yearView(dsl, year).state());
        assertThat(state).isEqualTo(PublicationState.DRAFT);

        assertThat(demo.rerunDraft()).isFalse(); // the start-up run is no longer the only one: nothing more
        assertThat(runs(year)).hasSize(2);
    }

    @Test
    void a_start_killed_after_the_year_before_was_final_is_completed_by_the_next_start() {
        int lastYear = 2061; // years no other test uses (2060 to 2062), loaded as the demo loads 2024 to 2026
        var office = RegistryDemoData.OFFICE.actor();
        // what a first start left when it was killed (kill -9) right after making the year before final
        db.inTransaction(office, dsl -> assessments.run(dsl, office, lastYear - 1, null));
        db.inTransaction(office, dsl -> assessments.publish(dsl, office, lastYear - 1,
                new Assessments.PublishInput(cn.suqian.govshare.web.CityCalendar.today())));
        db.inTransaction(office, dsl -> assessments.finalise(dsl, office, lastYear - 1));

        demo.load(lastYear); // the next start: finishes what is left instead of failing on the final year

        assertThat(state(lastYear - 1)).isEqualTo(PublicationState.FINAL);
        assertThat(state(lastYear)).isEqualTo(PublicationState.FINAL);
        assertThat(challenges(lastYear)).extracting(c -> c.organisationCode() + " " + c.status())
                .containsExactlyInAnyOrder("water ACCEPTED", "transport REJECTED");
        assertThat(state(lastYear + 1)).isEqualTo(PublicationState.DRAFT);
        assertThat(runs(lastYear + 1)).hasSize(1);

        demo.load(lastYear); // and a start after that changes nothing
        assertThat(runs(lastYear + 1)).hasSize(1);
        assertThat(challenges(lastYear)).hasSize(2);
    }

    List<cn.suqian.govshare.assessment.Challenge> challenges(int year) {
        return db.inTransaction(RegistryDemoData.OFFICE.actor(), dsl -> assessments.challenges(dsl, year));
    }

    PublicationState state(int year) {
        return db.inTransaction(RegistryDemoData.OFFICE.actor(), dsl -> assessments.yearView(dsl, year).state());
    }
}
