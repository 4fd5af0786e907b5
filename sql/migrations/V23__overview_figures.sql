-- Leadership overview (issue 15): the headline figures, one row per figure, organisation and day, written by
-- the overview rollup from the owning modules' published figures (themselves read from their rollups and
-- registries). /api/v1/overview reads only this table: the latest day, a trend and the value a year before.
-- organisation_code '' is the whole city. value NULL means "no data" (never zero).
CREATE TABLE overview_figure (
    organisation_code text        NOT NULL,
    figure            text        NOT NULL,
    day               date        NOT NULL,
    value             numeric,
    denominator       numeric,
    computed_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_code, figure, day)
);
COMMENT ON TABLE overview_figure IS 'Daily headline figures of the leadership overview, per organisation ('''' = city); rollup of the modules'' figures';
