package cn.suqian.govshare.web;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * Why a field was refused. Each code has text in both message bundles under {@code problem.<code>}, with
 * exactly these parameters as placeholders; {@link FieldProblem} builds the refusals.
 */
public enum ProblemCode implements MessageCode {

    // any field
    REQUIRED,
    ONE_OF("choices"),
    MAX_LENGTH("max"),
    MIN_LENGTH("min"),
    BETWEEN("min", "max"),
    AT_LEAST("min"),
    TOO_LARGE,
    NOT_NEGATIVE,
    NOT_IN_FUTURE,
    IN_FUTURE,
    ALREADY_EXISTS,
    INVALID_VALUE,
    // own password change
    CURRENT_PASSWORD_WRONG,
    SAME_PASSWORD,
    // formats
    DATE,
    DATE_TIME,
    NUMBER,
    WHOLE_NUMBER,
    YES_NO,
    TEXT,
    BOOLEAN,
    REPEATED_FIELD,
    INVALID_CHARACTER,
    CODE_FORMAT("max", "symbols"),
    PHONE,
    UNIFIED_CODE,
    HTTP_URL,
    HOST_PORT,
    SORT_DIRECTION,
    // references to other records
    UNKNOWN_ORGANISATION,
    UNKNOWN_PRIVATE_NETWORK,
    UNKNOWN_DATA_ROOM,
    UNKNOWN_SYSTEM,
    BELONGS_TO("organisation"),
    CODE_CHANGED("code"),
    RETIRED,
    // organisations
    PARENT_REQUIRED,
    OWN_PARENT,
    HAS_ACTIVE_CHILDREN,
    // system inventory
    PRIVATE_NETWORK_REQUIRED,
    MIGRATION_PLAN_REQUIRED,
    DATA_ROOM_REQUIRED,
    ONLY_OWN_DATA_ROOM,
    ONLY_PRIVATE_NETWORK,
    PROTECTION_LEVEL,
    ASSESSMENT_NEEDS_LEVEL,
    ALIAS_TAKEN("system"),
    ALIAS_REPEATED("system"),
    // private networks and data rooms
    PLANNED_DATE_REQUIRED,
    MIGRATED_DATE_REQUIRED,
    ONLY_WHEN_MIGRATED,
    EXEMPT_ONLY_CLASSIFIED,
    // catalogue
    RESOURCE_CODE,
    CATALOGUE_CATEGORY,
    CATEGORY_MISMATCH("digit"),
    CONDITION_REQUIRED,
    LEGAL_BASIS_REQUIRED,
    SHARING_METHOD_REQUIRED,
    MOUNTED_SINCE_REQUIRED,
    NOT_SHARED_MOUNTED,
    ITEM_FORMAT("types"),
    ITEM_NAME_REQUIRED,
    ITEM_TYPE_REQUIRED,
    ITEM_REPEATED,
    RELATES_TO_ITSELF,
    // key tasks
    NOT_MILESTONE_OF("task"),
    MET_ON_NEEDS_MILESTONE,
    MILESTONE_ALREADY_MET("milestone", "metOn"),
    EVIDENCE_REQUIRED,
    // spreadsheet files
    NO_SHEET,
    UNREADABLE_WORKBOOK("cause"),
    UNTERMINATED_QUOTE,
    MISSING_COLUMN,
    HEADINGS("expected"),
    UNKNOWN_COLUMN,
    NO_DATA_ROWS,
    TOO_MANY_ROWS("max"),
    REPEATED_ROW("row"),
    NOT_OWN_ORGANISATION("organisation"),
    // exchange batches
    NO_RECORDS,
    TOO_MANY_RECORDS("max"),
    TOO_MANY_ATTACHMENTS("max"),
    BATCH_SHAPE,
    NOT_JSON_OBJECT,
    INVALID_JSON("cause"),
    INVALID_COMPRESSION("cause"),
    BEFORE_RETENTION("oldest"),
    LATER_THAN_ALLOWED("latest"),
    EXCEEDS_CALLS("calls"),
    LATENCY_WITHOUT_CALLS,
    REPEATED_INTERVAL("record"),
    SAME_ATTRIBUTED_INTERVAL("record", "provider", "consumer"),
    // connection status
    UNKNOWN_CONNECTION_TARGET,
    NOT_HEARTBEAT_TARGET,
    EXPECTED_STATUS,
    // periods
    AFTER_FROM("from"),
    PERIOD_TOO_LONG("years"),
    // decisions (collector refused pages)
    ALREADY_DECIDED("decision"),
    // annual reports
    AFTER_REPORTED_YEAR("year"),
    WINDOW_NOT_OPEN("opensOn"),
    NO_DRAFT,
    NOT_SUBMITTED_LATEST("latest", "status"),
    UNKNOWN_SECTION,
    UNKNOWN_FIGURE,
    REASON_REQUIRED,
    // project filing and eligibility (issue 12)
    NOT_EDITABLE("status"),
    TRANSITION_NOT_ALLOWED("status", "action"),
    COMMENT_REQUIRED,
    AMOUNT_REQUIRED,
    SOURCES_MISMATCH("total"),
    SYSTEMS_REQUIRED,
    ATTACHMENT_REQUIRED("kind"),
    EMPTY_FILE,
    FILE_TOO_LARGE("max"),
    FILE_TYPE("types"),
    FILE_NAME_MISMATCH("extensions"),
    CONDITION_SYNTAX("cause"),
    UNKNOWN_RULE("year"),
    NOT_EXEMPTIBLE("rule"),
    ALREADY_EXEMPTED("id"),
    DECISION_REASON_REQUIRED("verdict"),
    AMOUNT_ABOVE_REQUESTED("requested"),
    // yearly assessment
    UNKNOWN_METHODOLOGY_VERSION("year"),
    METHODOLOGY_INVALID("detail"),
    ASSESSMENT_STATE("expected"),
    CHALLENGES_OPEN("count"),
    CHALLENGE_WINDOW_CLOSED("until"),
    NOT_MANUAL_INDICATOR,
    UNKNOWN_INDICATOR,
    ASSESSMENT_REASON_REQUIRED;

    private final List<String> paramNames;

    ProblemCode(String... paramNames) {
        this.paramNames = List.of(paramNames);
    }

    @JsonValue
    @Override
    public String code() {
        return MessageCode.camelCase(this);
    }

    @Override
    public String key() {
        return "problem." + code();
    }

    @Override
    public List<String> paramNames() {
        return paramNames;
    }
}
