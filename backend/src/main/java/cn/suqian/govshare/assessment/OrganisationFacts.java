package cn.suqian.govshare.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything an organisation is scored from for one year, read from the capabilities' published APIs when a run
 * starts and stored with the run (the facts snapshot): a re-run of a frozen year and a what-if read these, not
 * the live registries, so the same version gives the same numbers years later.
 */
public record OrganisationFacts(String code, String name, PeerGroup peerGroup, List<SystemFact> systems, List<ResourceFact> resources,
                                Availability availability,
                                Traffic served, Traffic consumed, Report report, List<MilestoneFact> milestones,
                                Map<String, ManualFact> manual, FilingFacts filings) {

    /** Facts without filings (snapshots written before the filing indicator, tests). */
    public OrganisationFacts(String code, String name, PeerGroup peerGroup, List<SystemFact> systems, List<ResourceFact> resources,
                             Availability availability, Traffic served, Traffic consumed, Report report, List<MilestoneFact> milestones,
                             Map<String, ManualFact> manual) {
        this(code, name, peerGroup, systems, resources, availability, served, consumed, report, milestones, manual, null);
    }

    /**
     * A system as the inventory and connection monitoring describe it. connectedness: CONNECTED, NOT_CONNECTED, NOT_REGISTERED,
     * NO_DATA. {@code zombie}: the inventory declares it a zombie. {@code zombieCandidate}: what the exchange capability measured
     * (CONFIRMED by the office, CANDIDATE not yet decided at its configured confidence, DISMISSED by the office with a reason,
     * LOW provisional evidence; null: not a candidate, or a snapshot taken before candidates were read) and its confidence.
     */
    public record SystemFact(String code, String name, boolean extranet, boolean cloud, boolean mustConnect, String connectedness,
                             Integer protectionLevel, boolean protectionAssessed, boolean zombie, String zombieCandidate,
                             String zombieConfidence) {

        public SystemFact(String code, String name, boolean extranet, boolean cloud, boolean mustConnect, String connectedness,
                          Integer protectionLevel, boolean protectionAssessed, boolean zombie) {
            this(code, name, extranet, cloud, mustConnect, connectedness, protectionLevel, protectionAssessed, zombie, null, null);
        }

        /** A zombie in the assessment's sense: declared by the inventory, confirmed by the office, or an undismissed candidate. */
        public boolean countsAsZombie() {
            return zombie || "CONFIRMED".equals(zombieCandidate) || "CANDIDATE".equals(zombieCandidate);
        }
    }

    /**
     * A catalogued resource the organisation provides, whether (and since when) it is mounted on the city platform, its declared
     * update cycle, and — for the refresh indicator — the span over which the platform could see it ({@code measuredFrom}
     * inclusive to {@code measuredTo} inclusive; null when it cannot be measured) and the number of periods of its cycle in that
     * span in which it delivered records ({@code periodsWithData}).
     */
    public record ResourceFact(String code, String name, boolean mounted, String updateCycle, LocalDate mountedSince, LocalDate measuredFrom,
                               LocalDate measuredTo, Integer periodsWithData) {

        public ResourceFact(String code, String name, boolean mounted) {
            this(code, name, mounted, null, null, null, null, null);
        }
    }

    /**
     * The organisation's funding requests for {@code budgetYear} (filed during the assessed year) and that year's filing window;
     * {@code windowClosed}: the window had closed when the facts were read (a draft left after it never was filed).
     */
    public record FilingFacts(int budgetYear, LocalDate opensOn, LocalDate closesOn, boolean windowClosed, List<FilingFact> filings) {
    }

    /** One filing: its workflow status, when submitted, late (after the window closed), and what it still lacks. */
    public record FilingFact(long id, String name, String status, java.time.OffsetDateTime submittedAt, boolean late, List<String> missing) {
    }

    /** Measured availability of the organisation's targets over the year; {@code ratio} null when nothing was measured. */
    public record Availability(Double ratio, long upSeconds, long downSeconds, int incidents) {
    }

    /** Exchange traffic over the year (served: calls to its resources; consumed: its calls to others). */
    public record Traffic(long calls, long failedCalls, long records) {
    }

    /** The annual report of the year: submission (ON_TIME, LATE, MISSING, PENDING; null without a window) and its discrepancies. */
    public record Report(String submission, LocalDate deadline, List<String> discrepancies) {
    }

    /** A milestone of a task the organisation leads. */
    public record MilestoneFact(String taskCode, String milestoneCode, String title, LocalDate deadline, LocalDate metOn) {
    }

    /** A manual indicator's value as entered by the office. */
    public record ManualFact(double value, String evidence, String reason, String enteredBy) {
    }

    /**
     * Facts of the whole run that are not one organisation's: was there any exchange traffic at all, a report window, and did
     * connection monitoring measure any system in the year ({@code connectionMeasured}; null in snapshots taken before it was read).
     */
    public record Shared(int year, boolean exchangeMeasured, boolean reportWindow, Boolean connectionMeasured) {

        public Shared(int year, boolean exchangeMeasured, boolean reportWindow) {
            this(year, exchangeMeasured, reportWindow, null);
        }
    }
}
