package cn.suqian.govshare.connection;

import cn.suqian.govshare.record.Labelled;

/** A target's state: UNKNOWN until N failures or M successes have decided it, then DOWN or UP. */
public enum ConnectionStatus implements Labelled {
    UNKNOWN("未知"), UP("正常"), DOWN("中断");
    private final String label;
    ConnectionStatus(String label) { this.label = label; }
    public String label() { return label; }
}
