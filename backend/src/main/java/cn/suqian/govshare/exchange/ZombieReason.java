package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.MessageCode;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/** Why a system is a zombie candidate, said by pages under {@code zombie.reason.<code>}; English kept beside it. */
public enum ZombieReason implements MessageCode {

    /** Neither traffic nor a successful probe or heartbeat since the start of the period. */
    NO_TRAFFIC_NO_CONNECTION("days"),
    /** No traffic since the start of the period; no connection target to judge connection by. */
    NO_TRAFFIC_NO_TARGET("days"),
    /** No successful probe or heartbeat; not recognisable in traffic (no exchange alias). */
    NO_CONNECTION_NO_ALIAS("days"),
    /** Infrastructure (the platform, networks, security): judged by its probes and heartbeats only. */
    INFRASTRUCTURE_NO_CONNECTION("days");

    private final List<String> paramNames;

    ZombieReason(String... paramNames) {
        this.paramNames = List.of(paramNames);
    }

    @JsonValue
    @Override
    public String code() {
        return MessageCode.camelCase(this);
    }

    @Override
    public String key() {
        return "zombie.reason." + code();
    }

    @Override
    public List<String> paramNames() {
        return paramNames;
    }
}
