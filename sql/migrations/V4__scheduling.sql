-- Cluster-wide scheduling: ShedLock's lock table (one run per tick across replicas) and the
-- heartbeat time series that proves it.

CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);

SELECT ts_create_table('scheduler_heartbeat',
                       'ticked_at timestamptz NOT NULL, job text NOT NULL, node text NOT NULL',
                       'ticked_at', interval '1 day');
SELECT ts_set_retention('scheduler_heartbeat', interval '7 days');
CREATE INDEX scheduler_heartbeat_ticked_idx ON scheduler_heartbeat (ticked_at);
