package cn.suqian.govshare.security;

import cn.suqian.govshare.db.Actor;

import java.util.UUID;

/** The principal of a machine client authenticated by an API token. */
record MachineClient(UUID tokenId, String name, String organisationCode) implements Actor.Source {

    @Override
    public Actor actor() {
        return new Actor("token:" + name, organisationCode);
    }
}
