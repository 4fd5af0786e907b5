package cn.suqian.govshare.connection;

import cn.suqian.govshare.connection.ConnectionTarget.Probe;

import java.util.ArrayList;
import java.util.List;

/**
 * How to probe one target: what the registry says (kind, address) plus its probe settings — expected
 * HTTP statuses ({@code "200-399"}, {@code "200,204"}), optional text the body must contain, timeout and how
 * many days before a certificate's expiry a warning is given.
 */
public record ProbeSpec(String targetCode, Probe probe, String address, int timeoutMs, String expectedStatus, String expectedText,
                        int certWarningDays) {

    /** Does the status match the expected list of codes and ranges? */
    public boolean statusExpected(int status) {
        for (String part : expectedStatus.split(",")) {
            String[] range = part.trim().split("-");
            int low = Integer.parseInt(range[0]);
            int high = range.length > 1 ? Integer.parseInt(range[1]) : low;
            if (status >= low && status <= high) {
                return true;
            }
        }
        return false;
    }

    /** A well-formed expected-status list: codes 100-599 and ascending ranges, comma-separated. */
    static boolean validStatusList(String list) {
        if (list == null || !list.matches("^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$")) {
            return false;
        }
        List<int[]> ranges = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] r = part.split("-");
            int low = Integer.parseInt(r[0]);
            int high = r.length > 1 ? Integer.parseInt(r[1]) : low;
            if (low < 100 || high > 599 || high < low) {
                return false;
            }
            ranges.add(new int[]{low, high});
        }
        return !ranges.isEmpty();
    }
}
