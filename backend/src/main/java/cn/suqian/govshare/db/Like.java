package cn.suqian.govshare.db;

/** A LIKE pattern that finds {@code text} anywhere, with LIKE's own wildcards in it taken literally. */
public final class Like {

    private Like() {
    }

    public static String containing(String text) {
        return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
