package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Caller;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;

import cn.suqian.govshare.db.Actor;

import java.util.UUID;

/** The principal of a machine client authenticated by an API token. */
record MachineClient(UUID tokenId, String name, String organisationCode) implements Actor.Source, Caller {

    @Override
    public CurrentUser currentUser() {
        return new CurrentUser("token:" + name, name, Role.INGEST, organisationCode);
    }


    @Override
    public Actor actor() {
        return new Actor("token:" + name, organisationCode);
    }
}
