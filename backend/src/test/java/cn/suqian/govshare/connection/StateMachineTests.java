package cn.suqian.govshare.connection;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The N/M rule: DOWN after N consecutive failures, UP after M consecutive successes; flapping absorbed. */
class StateMachineTests {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-30T08:00:00+08:00");

    record Run(StateMachine.State state, List<StateMachine.Transition> transitions, List<CountedAs> counted) {
    }

    static Run run(String checks, int n, int m) {
        StateMachine.State s = StateMachine.State.initial(T0);
        List<StateMachine.Transition> transitions = new ArrayList<>();
        List<CountedAs> counted = new ArrayList<>();
        for (int i = 0; i < checks.length(); i++) {
            var step = StateMachine.apply(s, checks.charAt(i) == '+', T0.plusMinutes(i), n, m, false);
            s = step.next();
            transitions.add(step.transition());
            counted.add(step.countedAs());
        }
        return new Run(s, transitions, counted);
    }

    @Test
    void a_new_target_is_unknown_until_m_successes_then_up() {
        Run r = run("++", 3, 2);
        assertThat(r.counted()).containsExactly(CountedAs.UNKNOWN, CountedAs.UP);
        assertThat(r.state().status()).isEqualTo(ConnectionStatus.UP);
        assertThat(r.transitions().getLast()).isEqualTo(StateMachine.Transition.DECIDED_UP);
    }

    @Test
    void n_consecutive_failures_turn_it_down_and_the_incident_starts_at_the_first_of_them() {
        Run r = run("++---", 3, 2);
        assertThat(r.transitions()).containsExactly(StateMachine.Transition.NONE, StateMachine.Transition.DECIDED_UP,
                StateMachine.Transition.NONE, StateMachine.Transition.NONE, StateMachine.Transition.WENT_DOWN);
        assertThat(r.state().status()).isEqualTo(ConnectionStatus.DOWN);
        assertThat(r.state().failingSince()).isEqualTo(T0.plusMinutes(2));
        assertThat(r.counted().subList(2, 5)).containsExactly(CountedAs.UP, CountedAs.UP, CountedAs.DOWN);
    }

    @Test
    void m_consecutive_successes_bring_it_back_up() {
        Run r = run("++---+-++", 3, 2);
        assertThat(r.transitions().stream().filter(t -> t == StateMachine.Transition.WENT_UP)).hasSize(1);
        assertThat(r.transitions().getLast()).isEqualTo(StateMachine.Transition.WENT_UP);
        assertThat(r.state().status()).isEqualTo(ConnectionStatus.UP);
        assertThat(r.state().failingSince()).isNull();
    }

    @Test
    void flapping_below_the_thresholds_never_changes_the_state() {
        Run r = run("++-+-+--+--+-+", 3, 2);
        assertThat(r.transitions().subList(2, r.transitions().size())).containsOnly(StateMachine.Transition.NONE);
        assertThat(r.state().status()).isEqualTo(ConnectionStatus.UP);
    }

    @Test
    void time_in_a_maintenance_window_counts_as_maintenance_whatever_the_state() {
        var step = StateMachine.apply(StateMachine.State.initial(T0), false, T0, 1, 1, true);
        assertThat(step.transition()).isEqualTo(StateMachine.Transition.WENT_DOWN);
        assertThat(step.countedAs()).isEqualTo(CountedAs.MAINTENANCE);
    }
}
