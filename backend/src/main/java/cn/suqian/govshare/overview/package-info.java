/**
 * The leadership overview (领导驾驶舱): the whole city's headline figures with trend and year-over-year change,
 * the plan's key tasks against their deadlines, alerts linking to their records (incidents, anomalies, missed
 * milestones, late or discrepant annual reports, filings awaiting review, not-eligible requests of the budget year), and a live stream that tells
 * open pages when new measurements, incidents or anomalies arrive, and the ranking of the latest published assessment
 * (read from the assessment board, never from a draft year). Figures are a daily rollup
 * ({@code overview_figure}) of what the owning modules publish; the overview API reads only that rollup.
 */
@ApplicationModule(displayName = "Leadership overview",
        allowedDependencies = {"access", "assessment", "catalogue", "connection", "db", "eligibility", "exchange", "facility", "filing", "inventory", "keytask", "report", "web"})
@OwnsTables({"overview_figure"})
package cn.suqian.govshare.overview;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
