package cn.suqian.govshare.spreadsheet;

import java.util.Map;

/**
 * One data row of a spreadsheet: its number as the spreadsheet shows it (heading row is 1) and the cell
 * texts by column heading (blank cells absent or empty).
 */
public record SheetRow(int number, Map<String, String> cells) {

    public String get(String heading) {
        String v = cells.get(heading);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
