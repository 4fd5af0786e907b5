package cn.suqian.govshare.connection;

import cn.suqian.govshare.record.RecordRules;

import cn.suqian.govshare.record.Labelled;
import cn.suqian.govshare.record.OwnedRecord;
import cn.suqian.govshare.record.References;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An endpoint that connection monitoring watches: a system's front-end processor (前置机), one of its
 * interfaces, or the link to the provincial platform. Probed over HTTP(S) or TCP, or kept alive by
 * pushed heartbeats; turns DOWN after {@code downAfter} failures and UP after {@code upAfter} successes.
 */
public record ConnectionTarget(String code, String systemCode, String organisationCode, Kind kind, String name, Probe probe,
                               String address, Integer intervalSeconds, Integer downAfter, Integer upAfter, Boolean enabled,
                               OffsetDateTime retiredAt, OffsetDateTime createdAt, OffsetDateTime updatedAt)
        implements OwnedRecord<ConnectionTarget> {

    public enum Kind implements Labelled {
        FRONT_END_PROCESSOR("前置机"), INTERFACE("接口"), PROVINCIAL_LINK("省级平台链路");
        private final String label;
        Kind(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum Probe implements Labelled {
        HTTP("HTTP(S) 探测"), TCP("TCP 连接"), HEARTBEAT("心跳上报");
        private final String label;
        Probe(String label) { this.label = label; }
        public String label() { return label; }
    }

    /** Defaults filled in; the organisation left out (it follows the system). */
    @Override
    public ConnectionTarget normalised() {
        return new ConnectionTarget(RecordRules.trim(code), RecordRules.trim(systemCode), null, kind,
                RecordRules.trim(name), probe, RecordRules.trim(address),
                intervalSeconds == null ? 60 : intervalSeconds, downAfter == null ? 3 : downAfter, upAfter == null ? 2 : upAfter,
                enabled == null ? Boolean.TRUE : enabled, null, null, null);
    }

    /** A target's rules do not depend on the date. */
    @Override
    public List<FieldProblem> check(LocalDate today) {
        List<FieldProblem> p = new ArrayList<>();
        if (code == null || !RecordRules.CODE.matcher(code).matches()) {
            p.add(FieldProblem.codeFormat("code", code, 64, ". _ -"));
        }
        if (systemCode == null) {
            p.add(FieldProblem.required("systemCode"));
        }
        RecordRules.name(p, name);
        if (kind == null) {
            p.add(FieldProblem.oneOf("kind", null, "FRONT_END_PROCESSOR, INTERFACE, PROVINCIAL_LINK"));
        }
        if (probe == null) {
            p.add(FieldProblem.oneOf("probe", null, "HTTP, TCP, HEARTBEAT"));
        } else if (probe == Probe.HTTP) {
            try {
                URI uri = URI.create(address == null ? "" : address);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    p.add(FieldProblem.httpUrl("address", address));
                }
            } catch (IllegalArgumentException e) {
                p.add(FieldProblem.httpUrl("address", address));
            }
        } else if (probe == Probe.TCP && (address == null || !address.matches("^[A-Za-z0-9.-]+:[0-9]{1,5}$"))) {
            p.add(FieldProblem.of("address", address, ProblemCode.HOST_PORT));
        }
        if (intervalSeconds != null && (intervalSeconds < 5 || intervalSeconds > 86400)) {
            p.add(FieldProblem.between("intervalSeconds", intervalSeconds, 5, 86400));
        }
        if (downAfter != null && (downAfter < 1 || downAfter > 100)) {
            p.add(FieldProblem.between("downAfter", downAfter, 1, 100));
        }
        if (upAfter != null && (upAfter < 1 || upAfter > 100)) {
            p.add(FieldProblem.between("upAfter", upAfter, 1, 100));
        }
        return p;
    }

    @Override
    public List<FieldProblem> checkReferences(References references) {
        return systemCode == null || references.systemOwner().containsKey(systemCode) ? List.of()
                : List.of(FieldProblem.of("systemCode", systemCode, ProblemCode.UNKNOWN_SYSTEM));
    }
}
