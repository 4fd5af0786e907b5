-- Op-monitoring counted after pairing (issue 8). A batch's pairing runs one batch at a time (its lock is held to
-- commit); adding its calls to the 5-minute statistics took a third of that serial section. The pairing transaction
-- now writes what its calls add or change here, and a second, short transaction (still before the push is answered)
-- moves every pending row into exchange_stat, one mover at a time, while the next batch pairs. A row left by a
-- crash between the two is moved by the next batch or by OpmonPendingCounts' scheduled pass.
CREATE TABLE opmon_stat_pending (
    batch_id             uuid        NOT NULL,
    change               boolean     NOT NULL, -- false: new calls added; true: signed differences of calls counted before
    interval_start       timestamptz NOT NULL,
    provider_code        text        NOT NULL,
    consumer_code        text        NOT NULL,
    resource             text        NOT NULL,
    provider_system_code text,
    consumer_system_code text,
    calls                bigint      NOT NULL,
    failed_calls         bigint      NOT NULL,
    bytes                bigint      NOT NULL,
    latency_ms_sum       bigint      NOT NULL,
    latency_ms_max       integer     NOT NULL,
    pending_since        timestamptz NOT NULL DEFAULT now()
);
