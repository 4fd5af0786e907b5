/**
 * The yearly assessment (评价考核): methodology versions per year as data (YAML in and out, change log, author);
 * runs over every department and county/district from the facts other capabilities publish (inventory,
 * catalogue, connection status, exchange metrics, annual reports, project filings, key tasks) plus manual values with evidence;
 * results with every indicator's inputs, formula and evidence, N/A and no-data left out and the total rescaled;
 * publication (frozen, reproducible from the stored facts), challenges and corrections, what-if runs, and the
 * final grade eligibility rule R10 reads. The API: Assessments, MethodologyService.
 */
@ApplicationModule(displayName = "Assessment", allowedDependencies = {"access", "catalogue", "connection", "db", "eligibility", "exchange", "filing", "inventory",
        "keytask", "organisation", "report", "web"})
@OwnsTables({"assessment_methodology", "assessment_run", "assessment_year", "assessment_result", "assessment_manual_value",
        "assessment_challenge", "assessment_challenge_attachment"})
package cn.suqian.govshare.assessment;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
