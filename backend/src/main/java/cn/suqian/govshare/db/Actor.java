package cn.suqian.govshare.db;

/**
 * Who a database change is made by: recorded by the audit trigger of every audited table.
 *
 * @param name             user name, machine-client name, or {@code system:<job>}
 * @param organisationCode the actor's organisation, if any
 */
public record Actor(String name, String organisationCode) {

    /** Implemented by security principals so the Db helper can name the actor without depending on security. */
    public interface Source {
        Actor actor();
    }

    public static Actor system(String job) {
        return new Actor("system:" + job, null);
    }
}
