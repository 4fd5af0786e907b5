package cn.suqian.govshare.connection;

/** What a notification says: a target went DOWN, is still DOWN (resent), or is UP again. */
public enum NotificationEvent {
    DOWN, STILL_DOWN, UP
}
