/**
 * Funding and approval eligibility (rules R1–R11 of the plan): the rules as versioned data per budget year, each
 * a condition over named facts evaluated by a small interpreter (Condition); the facts gathered from the
 * registries and from what GovShare measured (FactSheet: connection status, exchange traffic, zombie candidates,
 * the catalogue, the assessment grade through AssessmentGrades); verdicts per filing, system and department
 * with the rules that fired and passed, their evidence and the plan's sentence, stored with the facts and rule
 * versions they were computed from; exemptions for "in principle" rules; finance's funding decisions, the
 * finance board and its export, and the auditors' effectiveness view. The API: Eligibility, AssessmentGrades.
 */
@ApplicationModule(displayName = "Eligibility", allowedDependencies = {"access", "catalogue", "connection", "db", "exchange", "facility",
        "filing", "inventory", "organisation", "record", "spreadsheet", "web"})
@OwnsTables({"eligibility_rule", "eligibility_verdict", "eligibility_exemption", "funding_decision"})
package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
