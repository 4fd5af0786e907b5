package cn.suqian.govshare.connection;

import java.time.OffsetDateTime;

/**
 * The N/M rule, alone so that it can be tested alone: a target turns DOWN after {@code downAfter}
 * consecutive failures and UP after {@code upAfter} consecutive successes; fewer absorb flapping. A new
 * target is UNKNOWN until one of the two counts is reached. The time a check speaks for counts as the state
 * after it (maintenance when it falls in a planned window; unknown while undecided).
 */
final class StateMachine {

    /** What is kept of a target between checks (and across restarts). */
    record State(ConnectionStatus status, OffsetDateTime statusSince, int failures, int successes, OffsetDateTime failingSince) {

        static State initial(OffsetDateTime since) {
            return new State(ConnectionStatus.UNKNOWN, since, 0, 0, null);
        }
    }

    enum Transition { NONE, WENT_DOWN, WENT_UP, DECIDED_UP }

    record Step(State next, Transition transition, CountedAs countedAs) {
    }

    private StateMachine() {
    }

    static Step apply(State s, boolean ok, OffsetDateTime at, int downAfter, int upAfter, boolean inMaintenance) {
        State next;
        Transition transition = Transition.NONE;
        if (ok) {
            int successes = s.successes() + 1;
            if (s.status() != ConnectionStatus.UP && successes >= upAfter) {
                transition = s.status() == ConnectionStatus.DOWN ? Transition.WENT_UP : Transition.DECIDED_UP;
                next = new State(ConnectionStatus.UP, at, 0, successes, null);
            } else {
                next = new State(s.status(), s.statusSince(), 0, successes, null);
            }
        } else {
            int failures = s.failures() + 1;
            OffsetDateTime failingSince = s.failingSince() == null ? at : s.failingSince();
            if (s.status() != ConnectionStatus.DOWN && failures >= downAfter) {
                transition = Transition.WENT_DOWN;
                next = new State(ConnectionStatus.DOWN, at, failures, 0, failingSince);
            } else {
                next = new State(s.status(), s.statusSince(), failures, 0, failingSince);
            }
        }
        CountedAs counted = inMaintenance ? CountedAs.MAINTENANCE : switch (next.status()) {
            case UP -> CountedAs.UP;
            case DOWN -> CountedAs.DOWN;
            case UNKNOWN -> CountedAs.UNKNOWN;
        };
        return new Step(next, transition, counted);
    }
}
