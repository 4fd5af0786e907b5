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
                                Map<String, ManualFact> manual) {

    /** A system as the inventory and connection monitoring describe it. connectedness: CONNECTED, NOT_CONNECTED, NOT_REGISTERED, NO_DATA. */
    public record SystemFact(String code, String name, boolean extranet, boolean cloud, boolean mustConnect, String connectedness,
                             Integer protectionLevel, boolean protectionAssessed, boolean zombie) {
    }

    /** A catalogued resource the organisation provides, and whether it is mounted on the city platform. */
    public record ResourceFact(String code, String name, boolean mounted) {
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

    /** Facts of the whole run that are not one organisation's: was there any exchange traffic at all. */
    public record Shared(int year, boolean exchangeMeasured, boolean reportWindow) {
    }
}
