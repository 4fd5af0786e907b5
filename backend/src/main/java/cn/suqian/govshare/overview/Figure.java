package cn.suqian.govshare.overview;

/**
 * The headline figures of the leadership overview: one English name each (the API's and the UI keys' name), its
 * unit, and the page with the records behind it. A figure with a denominator is shown as value of denominator and
 * as a percentage.
 */
public enum Figure {
    SYSTEMS_ACTIVE("systemsActive", Unit.COUNT, "/systems.html"),
    SYSTEMS_ON_EXTRANET("systemsOnExtranet", Unit.COUNT, "/systems.html?network=EGOV_EXTRANET"),
    SYSTEMS_ON_GOV_CLOUD("systemsOnGovCloud", Unit.COUNT, "/systems.html?deployment=GOV_CLOUD"),
    PRIVATE_NETWORKS_LEFT("privateNetworksLeft", Unit.COUNT, "/networks.html"),
    DATA_ROOMS_LEFT("dataRoomsLeft", Unit.COUNT, "/data-rooms.html"),
    MUST_CONNECT_CONNECTED("mustConnectConnected", Unit.COUNT, "/connections.html"),
    /** Must-connect systems registered on the platform but without a measured second in the window: left out of the one above. */
    MUST_CONNECT_UNMEASURED("mustConnectUnmeasured", Unit.COUNT, "/connections.html"),
    CATALOGUE_COMPILED("catalogueCompiled", Unit.COUNT, "/catalogue.html"),
    CATALOGUE_MOUNTED("catalogueMounted", Unit.COUNT, "/catalogue.html?mounted=true"),
    CATALOGUE_SHAREABLE("catalogueShareable", Unit.COUNT, "/catalogue.html?mounted=true"),
    BASE_DATABASES_COVERED("baseDatabasesCovered", Unit.COUNT, "/catalogue.html"),
    BASE_DATABASE_POPULATION("baseDatabasePopulation", Unit.COUNT, "/catalogue.html?baseDatabase=POPULATION"),
    BASE_DATABASE_LEGAL_ENTITY("baseDatabaseLegalEntity", Unit.COUNT, "/catalogue.html?baseDatabase=LEGAL_ENTITY"),
    BASE_DATABASE_NATURAL_RESOURCES("baseDatabaseNaturalResources", Unit.COUNT, "/catalogue.html?baseDatabase=NATURAL_RESOURCES"),
    BASE_DATABASE_ELECTRONIC_LICENCE("baseDatabaseElectronicLicence", Unit.COUNT, "/catalogue.html?baseDatabase=ELECTRONIC_LICENCE"),
    BASE_DATABASE_SOCIAL_CREDIT("baseDatabaseSocialCredit", Unit.COUNT, "/catalogue.html?baseDatabase=SOCIAL_CREDIT"),
    EXCHANGE_CALLS("exchangeCalls", Unit.COUNT, "/exchange.html"),
    EXCHANGE_SUCCEEDED("exchangeSucceeded", Unit.COUNT, "/exchange.html"),
    PLATFORM_AVAILABILITY("platformAvailability", Unit.PERCENT, "/connections.html"),
    PROVINCIAL_LINK_AVAILABILITY("provincialLinkAvailability", Unit.PERCENT, "/connections.html?kind=PROVINCIAL_LINK"),
    ZOMBIES_FOUND("zombiesFound", Unit.COUNT, "/systems.html?lifecycleStatus=ZOMBIE"),
    ZOMBIES_CLEANED("zombiesCleaned", Unit.COUNT, "/systems.html?lifecycleStatus=RETIRED&includeRetired=true"),
    OM_ON_ZOMBIE_OR_UNCONNECTED("omOnZombieOrUnconnected", Unit.YUAN, "/systems.html");

    public enum Unit { COUNT, PERCENT, YUAN }

    private final String key;
    private final Unit unit;
    private final String link;

    Figure(String key, Unit unit, String link) {
        this.key = key;
        this.unit = unit;
        this.link = link;
    }

    public String key() {
        return key;
    }

    public Unit unit() {
        return unit;
    }

    public String link() {
        return link;
    }

    static Figure ofKey(String key) {
        for (Figure f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        return null;
    }
}
