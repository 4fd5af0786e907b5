package cn.suqian.govshare.support;

import cn.suqian.govshare.connection.ConnectionTarget;
import cn.suqian.govshare.connection.ConnectionTarget.Kind;
import cn.suqian.govshare.connection.ConnectionTarget.Probe;

/**
 * Connection targets for tests: {@code aTarget()} is a valid HTTP-probed interface of a water-bureau
 * system; a test changes only what it is about.
 */
public final class ConnectionTargets {

    private ConnectionTargets() {
    }

    public static Builder aTarget() {
        return new Builder();
    }

    public static final class Builder {
        private String code = "water.s01.api";
        private String systemCode = "water.s01";
        private Kind kind = Kind.INTERFACE;
        private String name = "防汛防旱指挥系统共享接口";
        private Probe probe = Probe.HTTP;
        private String address = "http://10.32.1.20:8080/share/health";
        private Integer intervalSeconds;
        private Integer downAfter;
        private Integer upAfter;
        private Boolean enabled;

        private Builder() {
        }

        public Builder code(String code) { this.code = code; return this; }
        public Builder system(String systemCode) { this.systemCode = systemCode; return this; }
        public Builder kind(Kind kind) { this.kind = kind; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder probe(Probe probe) { this.probe = probe; return this; }
        public Builder address(String address) { this.address = address; return this; }
        public Builder everySeconds(Integer seconds) { this.intervalSeconds = seconds; return this; }
        public Builder downAfter(Integer failures) { this.downAfter = failures; return this; }
        public Builder upAfter(Integer successes) { this.upAfter = successes; return this; }
        public Builder enabled(Boolean enabled) { this.enabled = enabled; return this; }

        /** Probed over TCP at host:port. */
        public Builder tcp(String hostAndPort) {
            return probe(Probe.TCP).address(hostAndPort);
        }

        public ConnectionTarget build() {
            return new ConnectionTarget(code, systemCode, null, kind, name, probe, address, intervalSeconds, downAfter, upAfter, enabled,
                    null, null, null);
        }
    }
}
