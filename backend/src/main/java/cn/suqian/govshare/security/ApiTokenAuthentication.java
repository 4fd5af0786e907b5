package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Role;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.util.List;

/** A bearer token, before (credentials only) and after (machine client) it was checked. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String token;
    private final MachineClient client;

    private ApiTokenAuthentication(String token, MachineClient client) {
        super(client == null ? List.of() : List.of(Role.INGEST.authority()));
        this.token = token;
        this.client = client;
        setAuthenticated(client != null);
    }

    static ApiTokenAuthentication unchecked(String token) {
        return new ApiTokenAuthentication(token, null);
    }

    static ApiTokenAuthentication of(MachineClient client) {
        return new ApiTokenAuthentication(null, client);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return client;
    }

    @Override
    public String getName() {
        return client == null ? "" : "token:" + client.name();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
