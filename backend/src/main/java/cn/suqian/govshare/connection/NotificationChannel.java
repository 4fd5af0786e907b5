package cn.suqian.govshare.connection;

import cn.suqian.govshare.record.Labelled;

import java.time.OffsetDateTime;

/**
 * Where notifications go: a generic JSON webhook, an e-mail address list (Spring Mail over SMTP, when
 * configured), or a WeCom (企业微信) or DingTalk (钉钉) group robot. DingTalk's signed-secret option is used
 * when {@code secret} is set; the secret is never returned by the API and never recorded in the audit trail.
 */
public record NotificationChannel(String code, String name, Kind kind, String url, String secret, String emailTo, Boolean enabled,
                                  OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public enum Kind implements Labelled {
        WEBHOOK("通用 Webhook"), EMAIL("电子邮件"), WECOM("企业微信机器人"), DINGTALK("钉钉机器人");
        private final String label;
        Kind(String label) { this.label = label; }
        public String label() { return label; }
    }

    /** The channel as the API shows it: whether a secret is set, never the secret. */
    NotificationChannel redacted() {
        return new NotificationChannel(code, name, kind, url, secret == null ? null : "******", emailTo, enabled, createdAt, updatedAt);
    }
}
