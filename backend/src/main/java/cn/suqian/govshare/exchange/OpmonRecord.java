package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

import tools.jackson.core.JsonToken;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One X-Road operational-monitoring record (PR-OPMON): one call seen from one side. Parsed leniently as the
 * protocol's versions differ (old *SoapSize / *RestSize names, enums in any letter case), strictly about
 * what is needed to count and pair calls.
 */
record OpmonRecord(OffsetDateTime monitoringTs, OpmonSide side, String messageId, String xRequestId,
                   Long requestInTs, Long requestOutTs, Long responseInTs, Long responseOutTs,
                   String clientInstance, String clientClass, String clientCode, String clientSubsystem,
                   String serviceInstance, String serviceClass, String serviceMemberCode, String serviceSubsystem,
                   String serviceCode, String serviceVersion, String serviceType,
                   Long requestSize, Long responseSize, boolean succeeded, String faultCode, String faultString,
                   Integer statusCode, String securityServer) {

    /** Monitoring traffic, kept apart from business traffic. */
    static final Set<String> METASERVICES = Set.of("getwsdl", "listmethods", "allowedmethods", "getsecurityservermetrics",
            "getsecurityserveroperationaldata", "getsecurityserverhealthdata", "getopenapi");

    static final Set<String> SERVICE_TYPES = Set.of("WSDL", "REST", "OPENAPI3");

    boolean metaservice() {
        return METASERVICES.contains(serviceCode.toLowerCase(Locale.ROOT));
    }

    String clientId() {
        return clientInstance + "/" + clientClass + "/" + clientCode + (clientSubsystem == null ? "" : "/" + clientSubsystem);
    }

    String serviceId() {
        return serviceInstance + "/" + serviceClass + "/" + serviceMemberCode + (serviceSubsystem == null ? "" : "/" + serviceSubsystem);
    }

    /** The resource counted in exchange metrics: the service code, with its version when there is one. */
    String resource() {
        return serviceVersion == null ? serviceCode : serviceCode + "." + serviceVersion;
    }

    /** Identity of the record itself: a record sent twice is dropped the second time. */
    String dedupeKey() {
        return ExchangeIngest.sha256(String.join("\u0001", side.name(), messageId, String.valueOf(xRequestId),
                String.valueOf(requestInTs), clientId(), serviceId(), String.valueOf(monitoringTs.toEpochSecond()))).substring(0, 40);
    }

    /** When the call started, as this side saw it, in epoch milliseconds (the order calls are paired in). */
    long startedAtMillis() {
        return requestInTs != null ? requestInTs : monitoringTs.toEpochSecond() * 1000;
    }

    /** When the call started, as this side saw it. */
    OffsetDateTime startedAt() {
        return requestInTs != null ? OffsetDateTime.ofInstant(Instant.ofEpochMilli(requestInTs), ZoneOffset.UTC) : monitoringTs;
    }

    /** Parses text fields without time bounds (stored records, rule tests). */
    static OpmonRecord parse(Map<String, String> f, int line, List<FieldProblem> problems) {
        return parse(f, Map.of(), line, null, problems);
    }

    /** Most attachments one message may carry. */
    static final long MAX_ATTACHMENTS = 1_000_000;

    /**
     * Parses and checks one record; null when it is faulty (each problem added). Times, sizes and durations must
     * lie within {@code bounds} (null: times unchecked); times land in opmon_record, so its retention applies.
     */
    static OpmonRecord parse(Map<String, String> f, Map<String, JsonToken> t, int line, IngestBounds bounds, List<FieldProblem> problems) {
        int before = problems.size();
        Long monitoringSeconds = IngestBounds.whole(f, t, "monitoringDataTs", true, 0, Long.MAX_VALUE / 1000, line, problems);
        if (monitoringSeconds != null && bounds != null && !bounds.within(Instant.ofEpochSecond(monitoringSeconds),
                IngestBounds.OPMON_RETENTION_DAYS, line, "monitoringDataTs", f.get("monitoringDataTs"), problems)) {
            monitoringSeconds = null;
        }
        String sideText = required(f, t, "securityServerType", line, problems);
        OpmonSide side = null;
        if (sideText != null) {
            switch (sideText.toLowerCase(Locale.ROOT)) {
                case "client" -> side = OpmonSide.CLIENT;
                case "producer" -> side = OpmonSide.PRODUCER;
                default -> problems.add(IntervalStat.problem(line, "securityServerType", sideText, ProblemCode.ONE_OF, "Client, Producer"));
            }
        }
        String messageId = required(f, t, "messageId", line, problems);
        String clientInstance = required(f, t, "clientXRoadInstance", line, problems);
        String clientClass = required(f, t, "clientMemberClass", line, problems);
        String clientCode = required(f, t, "clientMemberCode", line, problems);
        String serviceInstance = required(f, t, "serviceXRoadInstance", line, problems);
        String serviceClass = required(f, t, "serviceMemberClass", line, problems);
        String serviceMember = required(f, t, "serviceMemberCode", line, problems);
        String serviceCode = required(f, t, "serviceCode", line, problems);
        Long requestIn = millis(f, t, "requestInTs", line, bounds, problems);
        Long requestOut = millis(f, t, "requestOutTs", line, bounds, problems);
        Long responseIn = millis(f, t, "responseInTs", line, bounds, problems);
        Long responseOut = millis(f, t, "responseOutTs", line, bounds, problems);
        if (requestIn != null && responseOut != null && (responseOut < requestIn || responseOut - requestIn > IngestBounds.MAX_DURATION_MS)) {
            // a call takes no less than nothing and no more than a day
            problems.add(IntervalStat.problem(line, "responseOutTs", f.get("responseOutTs"), ProblemCode.BETWEEN, requestIn,
                    requestIn + IngestBounds.MAX_DURATION_MS));
        }
        Long requestSize = size(f, t, REQUEST_SIZES, line, problems);
        Long responseSize = size(f, t, RESPONSE_SIZES, line, problems);
        boolean succeeded = Boolean.TRUE.equals(IngestBounds.bool(f, t, "succeeded", line, problems));
        String serviceType = optional(f, t, "serviceType", line, problems);
        if (serviceType != null) {
            serviceType = serviceType.toUpperCase(Locale.ROOT);
            if (!SERVICE_TYPES.contains(serviceType)) {
                problems.add(IntervalStat.problem(line, "serviceType", f.get("serviceType"), ProblemCode.ONE_OF, "WSDL, REST, OPENAPI3"));
            }
        }
        Long status = IngestBounds.whole(f, t, "statusCode", false, 100, 599, line, problems);
        String xRequestId = optional(f, t, "xRequestId", line, problems);
        String clientSubsystem = optional(f, t, "clientSubsystemCode", line, problems);
        String serviceSubsystem = optional(f, t, "serviceSubsystemCode", line, problems);
        String serviceVersion = optional(f, t, "serviceVersion", line, problems);
        String faultCode = optional(f, t, "faultCode", line, problems);
        String faultString = optional(f, t, "faultString", line, problems);
        String securityServer = optional(f, t, "securityServerInternalIp", line, problems);
        if (problems.size() > before) {
            return null;
        }
        return new OpmonRecord(OffsetDateTime.ofInstant(Instant.ofEpochSecond(monitoringSeconds), ZoneOffset.UTC), side, messageId,
                xRequestId, requestIn, requestOut, responseIn, responseOut, clientInstance, clientClass, clientCode, clientSubsystem,
                serviceInstance, serviceClass, serviceMember, serviceSubsystem, serviceCode, serviceVersion, serviceType, requestSize,
                responseSize, succeeded, faultCode, faultString, status == null ? null : status.intValue(), securityServer);
    }

    /** An epoch-millisecond time within the bounds (seconds given as milliseconds fall before the retention). */
    private static Long millis(Map<String, String> f, Map<String, JsonToken> t, String field, int line, IngestBounds bounds,
                               List<FieldProblem> problems) {
        Long ms = IngestBounds.whole(f, t, field, false, 0, Long.MAX_VALUE, line, problems);
        if (ms != null && bounds != null
                && !bounds.within(Instant.ofEpochMilli(ms), IngestBounds.OPMON_RETENTION_DAYS, line, field, f.get(field), problems)) {
            return null;
        }
        return ms;
    }

    /** The size fields of a request, and of a response: *AttachmentCount, *MimeSize, *Size, *SoapSize, *RestSize. */
    private static final String[] REQUEST_SIZES = sizeFields("request");
    private static final String[] RESPONSE_SIZES = sizeFields("response");

    private static String[] sizeFields(String prefix) {
        return new String[]{prefix + "AttachmentCount", prefix + "MimeSize", prefix + "Size", prefix + "SoapSize", prefix + "RestSize"};
    }

    /** *Size when there are no attachments, *MimeSize otherwise; older servers' *SoapSize / *RestSize stand in for *Size. */
    private static Long size(Map<String, String> f, Map<String, JsonToken> t, String[] fields, int line, List<FieldProblem> problems) {
        Long attachments = IngestBounds.whole(f, t, fields[0], false, 0, MAX_ATTACHMENTS, line, problems);
        if (attachments != null && attachments > 0) {
            return bytes(f, t, fields[1], line, problems);
        }
        Long size = bytes(f, t, fields[2], line, problems);
        if (size == null) {
            size = bytes(f, t, fields[3], line, problems);
        }
        if (size == null) {
            size = bytes(f, t, fields[4], line, problems);
        }
        return size;
    }

    private static Long bytes(Map<String, String> f, Map<String, JsonToken> t, String field, int line, List<FieldProblem> problems) {
        return IngestBounds.whole(f, t, field, false, 0, IngestBounds.MAX_BYTES, line, problems);
    }

    /** Identifiers and codes: text of at most 255 characters. */
    private static String required(Map<String, String> f, Map<String, JsonToken> t, String field, int line, List<FieldProblem> problems) {
        return IngestBounds.text(f, t, field, true, 255, line, problems);
    }

    private static String optional(Map<String, String> f, Map<String, JsonToken> t, String field, int line, List<FieldProblem> problems) {
        return IngestBounds.text(f, t, field, false, Integer.MAX_VALUE, line, problems);
    }
}
