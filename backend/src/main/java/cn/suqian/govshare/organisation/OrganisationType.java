package cn.suqian.govshare.organisation;

/** Kinds of organisation in the programme. */
public enum OrganisationType {
    /** 市政府: the city government itself, root of the tree. */
    CITY,
    /** 市级部门: a city department. */
    CITY_DEPARTMENT,
    /** 县区: a county or district government. */
    COUNTY_DISTRICT,
    /** 开发区、新区、园区: development zones, new areas and parks. */
    DEVELOPMENT_ZONE
}
