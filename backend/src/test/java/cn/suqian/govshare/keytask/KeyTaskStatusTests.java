package cn.suqian.govshare.keytask;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's status and its milestones' statuses say the same thing (never 未开始 above a milestone 推进中). */
class KeyTaskStatusTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    static KeyTask.Milestone open(boolean taskStarted) {
        return KeyTask.Milestone.of("m", "持续推进", null, null, TODAY, taskStarted);
    }

    @Test
    void a_task_nobody_reported_on_is_not_started_and_so_are_its_open_milestones() {
        var milestone = open(false);
        assertThat(milestone.status()).isEqualTo(KeyTask.MilestoneStatus.NOT_STARTED);
        assertThat(KeyTask.derive(List.of(milestone), false)).isEqualTo(KeyTask.Status.NOT_STARTED);
    }

    @Test
    void once_progress_is_reported_the_task_and_its_open_milestones_are_in_progress() {
        var milestone = open(true);
        assertThat(milestone.status()).isEqualTo(KeyTask.MilestoneStatus.IN_PROGRESS);
        assertThat(KeyTask.derive(List.of(milestone), true)).isEqualTo(KeyTask.Status.IN_PROGRESS);
    }

    @Test
    void met_missed_and_done_follow_the_milestones() {
        var met = KeyTask.Milestone.of("a", "已完成", LocalDate.of(2018, 6, 30), LocalDate.of(2018, 6, 1), TODAY, true);
        var missed = KeyTask.Milestone.of("b", "逾期", LocalDate.of(2018, 12, 31), null, TODAY, true);
        var dueLater = KeyTask.Milestone.of("c", "未到期", LocalDate.of(2027, 6, 30), null, TODAY, true);
        assertThat(met.status()).isEqualTo(KeyTask.MilestoneStatus.MET);
        assertThat(missed.status()).isEqualTo(KeyTask.MilestoneStatus.MISSED);
        assertThat(KeyTask.derive(List.of(met), true)).isEqualTo(KeyTask.Status.DONE);
        assertThat(KeyTask.derive(List.of(met, missed), true)).isEqualTo(KeyTask.Status.OVERDUE);
        assertThat(KeyTask.derive(List.of(met, dueLater), true)).isEqualTo(KeyTask.Status.IN_PROGRESS);
    }

    @Test
    void every_combination_agrees() {
        for (boolean started : new boolean[] {false, true}) {
            var milestones = List.of(open(started), KeyTask.Milestone.of("d", "未到期", LocalDate.of(2027, 1, 1), null, TODAY, started));
            KeyTask.Status status = KeyTask.derive(milestones, started);
            boolean anyInProgress = milestones.stream().anyMatch(m -> m.status() == KeyTask.MilestoneStatus.IN_PROGRESS);
            assertThat(status == KeyTask.Status.NOT_STARTED).isEqualTo(!anyInProgress);
        }
    }
}
