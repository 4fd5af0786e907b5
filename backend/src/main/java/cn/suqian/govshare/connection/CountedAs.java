package cn.suqian.govshare.connection;

/**
 * What the time a check speaks for counts as in availability: up, down, planned maintenance (left out of
 * both), or unknown (the state is not decided yet; never counted as up).
 */
public enum CountedAs {
    UP, DOWN, MAINTENANCE, UNKNOWN
}
