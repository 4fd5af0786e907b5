package cn.suqian.govshare.connection;

import cn.suqian.govshare.web.RawJson;

import java.time.OffsetDateTime;

/** One notification to one channel, and the result of its latest attempt. */
public record NotificationDelivery(long id, String channelCode, Long incidentId, NotificationEvent event, OffsetDateTime createdAt,
                                   Status status, int attempts, OffsetDateTime lastAttemptAt, Integer responseStatus, String error,
                                   RawJson payload) {

    public enum Status { PENDING, SENT, FAILED }
}
