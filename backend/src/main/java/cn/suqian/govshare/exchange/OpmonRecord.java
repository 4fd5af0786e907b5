package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.FieldProblem;

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

    /** When the call started, as this side saw it. */
    OffsetDateTime startedAt() {
        return requestInTs != null ? OffsetDateTime.ofInstant(Instant.ofEpochMilli(requestInTs), ZoneOffset.UTC) : monitoringTs;
    }

    static OpmonRecord parse(Map<String, String> f, int line, List<FieldProblem> problems) {
        int before = problems.size();
        Long monitoringSeconds = number(f, "monitoringDataTs", line, true, problems);
        String sideText = required(f, "securityServerType", line, problems);
        OpmonSide side = null;
        if (sideText != null) {
            switch (sideText.toLowerCase(Locale.ROOT)) {
                case "client" -> side = OpmonSide.CLIENT;
                case "producer" -> side = OpmonSide.PRODUCER;
                default -> problems.add(IntervalStat.problem(line, "securityServerType", sideText, "Client or Producer"));
            }
        }
        String messageId = required(f, "messageId", line, problems);
        String clientInstance = required(f, "clientXRoadInstance", line, problems);
        String clientClass = required(f, "clientMemberClass", line, problems);
        String clientCode = required(f, "clientMemberCode", line, problems);
        String serviceInstance = required(f, "serviceXRoadInstance", line, problems);
        String serviceClass = required(f, "serviceMemberClass", line, problems);
        String serviceMember = required(f, "serviceMemberCode", line, problems);
        String serviceCode = required(f, "serviceCode", line, problems);
        Long requestIn = number(f, "requestInTs", line, false, problems);
        Long requestOut = number(f, "requestOutTs", line, false, problems);
        Long responseIn = number(f, "responseInTs", line, false, problems);
        Long responseOut = number(f, "responseOutTs", line, false, problems);
        Long requestSize = size(f, "request", line, problems);
        Long responseSize = size(f, "response", line, problems);
        String succeededText = required(f, "succeeded", line, problems);
        boolean succeeded = false;
        if (succeededText != null) {
            if (succeededText.equalsIgnoreCase("true")) {
                succeeded = true;
            } else if (!succeededText.equalsIgnoreCase("false")) {
                problems.add(IntervalStat.problem(line, "succeeded", succeededText, "true or false"));
            }
        }
        String serviceType = optional(f, "serviceType");
        if (serviceType != null) {
            serviceType = serviceType.toUpperCase(Locale.ROOT);
            if (!SERVICE_TYPES.contains(serviceType)) {
                problems.add(IntervalStat.problem(line, "serviceType", f.get("serviceType"), "WSDL, REST or OPENAPI3"));
            }
        }
        Long status = number(f, "statusCode", line, false, problems);
        if (problems.size() > before) {
            return null;
        }
        return new OpmonRecord(OffsetDateTime.ofInstant(Instant.ofEpochSecond(monitoringSeconds), ZoneOffset.UTC), side, messageId,
                optional(f, "xRequestId"), requestIn, requestOut, responseIn, responseOut, clientInstance, clientClass, clientCode,
                optional(f, "clientSubsystemCode"), serviceInstance, serviceClass, serviceMember, optional(f, "serviceSubsystemCode"),
                serviceCode, optional(f, "serviceVersion"), serviceType, requestSize, responseSize, succeeded,
                optional(f, "faultCode"), optional(f, "faultString"), status == null ? null : status.intValue(),
                optional(f, "securityServerInternalIp"));
    }

    /** *Size when there are no attachments, *MimeSize otherwise; older servers' *SoapSize / *RestSize stand in for *Size. */
    private static Long size(Map<String, String> f, String prefix, int line, List<FieldProblem> problems) {
        Long attachments = number(f, prefix + "AttachmentCount", line, false, problems);
        if (attachments != null && attachments > 0) {
            return number(f, prefix + "MimeSize", line, false, problems);
        }
        Long size = number(f, prefix + "Size", line, false, problems);
        if (size == null) {
            size = number(f, prefix + "SoapSize", line, false, problems);
        }
        if (size == null) {
            size = number(f, prefix + "RestSize", line, false, problems);
        }
        return size;
    }

    private static String required(Map<String, String> f, String field, int line, List<FieldProblem> problems) {
        String v = optional(f, field);
        if (v == null) {
            problems.add(IntervalStat.problem(line, field, null, "required"));
        } else if (v.length() > 255) {
            problems.add(IntervalStat.problem(line, field, v.substring(0, 40) + "…", "at most 255 characters"));
            return null;
        }
        return v;
    }

    private static String optional(Map<String, String> f, String field) {
        String v = f.get(field);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Long number(Map<String, String> f, String field, int line, boolean required, List<FieldProblem> problems) {
        String v = optional(f, field);
        if (v == null) {
            if (required) {
                problems.add(IntervalStat.problem(line, field, null, "required"));
            }
            return null;
        }
        try {
            long n = v.contains(".") ? (long) Double.parseDouble(v) : Long.parseLong(v);
            if (n < 0) {
                problems.add(IntervalStat.problem(line, field, v, "cannot be negative"));
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(IntervalStat.problem(line, field, v, "a number"));
            return null;
        }
    }
}
