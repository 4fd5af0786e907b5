package cn.suqian.govshare.connection;

import cn.suqian.govshare.record.Labelled;

/** Why a check failed; an incident carries the cause of the failure that turned its target DOWN. */
public enum CheckCause implements Labelled {
    TIMEOUT("超时"), REFUSED("连接被拒绝"), DNS("域名解析失败"), HTTP_STATUS("HTTP 状态码不符"),
    TEXT_MISSING("缺少预期内容"), TLS_ERROR("TLS 错误"), CERT_EXPIRED("证书已过期"),
    MISSED_HEARTBEAT("心跳缺失"), REPORTED_DOWN("系统自报故障"), NETWORK("网络错误");
    private final String label;
    CheckCause(String label) { this.label = label; }
    public String label() { return label; }
}
