package cn.suqian.govshare.facility;

import cn.suqian.govshare.record.Labelled;

/** Where a private network (to the extranet) or a data room (to the government cloud) stands in its migration. */
public enum MigrationStatus implements Labelled {
    NOT_STARTED("未启动"), PLANNED("已计划"), IN_PROGRESS("迁移中"), MIGRATED("已迁移"), EXEMPT("豁免（涉密等）");

    private final String label;

    MigrationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
