package cn.suqian.govshare.connection;

import java.util.List;

/**
 * What a notification says: a target went DOWN, is still DOWN (resent), or is UP again — or a message another
 * capability sends through the same channels ({@link #ANNUAL_REPORT_REMINDER}, see {@link Notifications#queueMessage}).
 */
public enum NotificationEvent {
    DOWN, STILL_DOWN, UP, ANNUAL_REPORT_REMINDER;

    /** The events of connection incidents: what a subscription gets when it names none. */
    public static final List<NotificationEvent> INCIDENT_EVENTS = List.of(DOWN, STILL_DOWN, UP);

    public boolean incident() {
        return INCIDENT_EVENTS.contains(this);
    }
}
