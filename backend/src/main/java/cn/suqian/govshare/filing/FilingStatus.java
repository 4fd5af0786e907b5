package cn.suqian.govshare.filing;

/** Where a filing is in its workflow. Departments edit DRAFT and RETURNED filings; the office reviews the rest. */
public enum FilingStatus {
    DRAFT, SUBMITTED, UNDER_REVIEW, APPROVED, RETURNED, REJECTED;

    /** Filed: in the office's hands or decided by it (what rule R8 asks for). */
    public boolean filed() {
        return this == SUBMITTED || this == UNDER_REVIEW || this == APPROVED;
    }

    public boolean editable() {
        return this == DRAFT || this == RETURNED;
    }
}
