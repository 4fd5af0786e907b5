package cn.suqian.govshare.assessment;

import cn.suqian.govshare.organisation.OrganisationType;

/** Who an organisation is ranked against: city departments, or counties/districts (development zones with them). */
public enum PeerGroup {
    DEPARTMENT, REGION;

    public static PeerGroup of(OrganisationType type) {
        return type == OrganisationType.CITY_DEPARTMENT ? DEPARTMENT : REGION;
    }
}
