/**
 * Project filing (全口径备案, safeguard S2): every construction or O&M funding request of a budget year with its
 * amounts, systems, deployment, network, data-room and platform work, catalogue resources, connection plan,
 * classified-protection level, performance targets and attachments; the yearly filing window; the workflow
 * draft → submitted → under review → approved / returned / rejected with a comment at each step, every
 * transition audited. The API: Filings (read inside a transaction, for eligibility) and FilingChanged, the
 * event published inside the transaction that changed a filing.
 */
@ApplicationModule(displayName = "Project filing", allowedDependencies = {"access", "audit", "db", "inventory", "organisation", "record", "web"})
@OwnsTables({"filing", "filing_window", "filing_transition", "filing_attachment"})
package cn.suqian.govshare.filing;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
