package cn.suqian.govshare.assessment;

import java.time.OffsetDateTime;

/** A recorded run: who, when, which methodology version, for what purpose, on which facts, and how it ended. */
public record AssessmentRun(long id, int year, long methodologyId, int methodologyVersion, Purpose purpose, Status status, String startedBy,
                            OffsetDateTime startedAt, OffsetDateTime finishedAt, int organisations, Long factsFromRun, String failure) {

    /** OFFICIAL may become the year's result; REPRODUCTION re-runs a frozen year on its facts; WHAT_IF runs another version on them. */
    public enum Purpose { OFFICIAL, REPRODUCTION, WHAT_IF }

    public enum Status { RUNNING, DONE, FAILED }
}
