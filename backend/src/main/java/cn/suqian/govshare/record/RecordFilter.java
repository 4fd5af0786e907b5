package cn.suqian.govshare.record;

/** The list filters of a registry: the owning organisation, whether retired records are included, and its own. */
public interface RecordFilter<F extends RecordFilter<F>> {

    /** The owning organisation to list, or null for all. */
    String organisation();

    boolean includeRetired();

    /** The same filter narrowed to one organisation (a department lists only its own, whatever it asked). */
    F withOrganisation(String organisation);
}
