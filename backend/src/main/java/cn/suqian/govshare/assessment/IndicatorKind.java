package cn.suqian.govshare.assessment;

/**
 * The library of computations an indicator can be (the methodology picks one per indicator and sets its
 * parameters). Each is computed from facts other capabilities publish; see {@link Scoring}.
 */
public enum IndicatorKind {
    /**
     * Share of the organisation's systems satisfying {@code predicate} (EXTRANET, CLOUD, CONNECTED, PROTECTED, NOT_ZOMBIE — not
     * declared a zombie by the inventory, nor a zombie candidate measured by the exchange capability unless dismissed). For
     * CONNECTED, {@code noData: EXCLUDE} leaves out must-connect systems whose targets measured nothing in the year (and makes a
     * year connection monitoring measured nothing "no data"); {@code NOT_MET} (the default) counts them as not connected.
     */
    SYSTEM_SHARE,
    /** Catalogue compiled and the share of the organisation's catalogued resources mounted on the platform. */
    RESOURCE_SHARE,
    /** Availability of the organisation's platform connections over the year, between {@code floor} and {@code target} percent. */
    AVAILABILITY,
    /** Records or calls ({@code measure}) served or consumed ({@code direction}), against {@code target} or the peers' {@code percentile}. */
    VOLUME,
    /** Success rate of calls to the organisation's resources, between {@code floor} and {@code target} percent. */
    SUCCESS_RATE,
    /**
     * Timeliness of a {@code subject}: REPORT (default) — the annual report submitted by the deadline: full on time,
     * {@code lateShare} when late, nothing when missing; RESOURCES — mounted resources delivering data through the platform in
     * every period of their declared update cycle; FILINGS — funding requests filed during the year submitted within the filing
     * window and complete.
     */
    TIMELINESS,
    /** Self-reported figures consistent with measurements: less {@code penaltyPerDiscrepancy} per discrepancy. */
    CONSISTENCY,
    /** Key-task milestones due in the year met by their deadline, for the tasks the organisation leads. */
    KEY_TASK_MILESTONES,
    /** A value 0–100 the office enters with evidence and a reason. */
    MANUAL
}
