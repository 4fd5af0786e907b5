package cn.suqian.govshare.assessment;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Progress of runs in this process, replayed to pages as server-sent events (steps: systems, connection, exchange, reports, tasks, scoring, done). */
@Component
class RunProgress {

    /** One step of a run; {@code organisations} when done, {@code failure} when it failed. */
    record Event(long runId, String step, Integer organisations, String failure) {
    }

    private final Map<Long, Sinks.Many<Event>> sinks = new ConcurrentHashMap<>();

    void open(long runId) {
        sinks.put(runId, Sinks.many().replay().all());
        step(runId, "started");
    }

    void step(long runId, String step) {
        emit(runId, new Event(runId, step, null, null));
    }

    void done(long runId, int organisations) {
        emit(runId, new Event(runId, "done", organisations, null));
        complete(runId);
    }

    void failed(long runId, String failure) {
        emit(runId, new Event(runId, "failed", null, failure));
        complete(runId);
    }

    /** The run's events so far and to come; empty when this process does not know the run (a finished one: read its row). */
    Flux<Event> events(long runId) {
        Sinks.Many<Event> sink = sinks.get(runId);
        return sink == null ? Flux.empty() : sink.asFlux();
    }

    private void emit(long runId, Event e) {
        Sinks.Many<Event> sink = sinks.get(runId);
        if (sink != null) {
            sink.emitNext(e, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(100)));
        }
    }

    private void complete(long runId) {
        Sinks.Many<Event> sink = sinks.get(runId);
        if (sink != null) {
            sink.tryEmitComplete();
            // keep finished runs' replay briefly is not needed: the page reads the run row after "done"
            sinks.remove(runId);
        }
    }
}
