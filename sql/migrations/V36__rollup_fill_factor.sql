-- Rollup rows are rewritten in place (issue 8): a push adds its differences to the hourly, daily and monthly rows it
-- falls in, so on a real platform's traffic — a few thousand flows, each called many times a day — a daily row is
-- rewritten dozens of times a day and a monthly row thousands of times. PostgreSQL rewrites a row without touching
-- its indexes (a heap-only update) only when the new version fits on the same page; packed pages (fill factor 100)
-- left room for almost none (the op-monitoring benchmark: 12,864 of 43,887 daily rewrites heap-only). Room is left on
-- each page in proportion to how often its rows are rewritten. Pages written from now on; existing ones as they are.
ALTER TABLE exchange_hourly SET (fillfactor = 90);
ALTER TABLE exchange_daily SET (fillfactor = 70);
ALTER TABLE exchange_monthly_flow SET (fillfactor = 50);
