package cn.suqian.govshare.spreadsheet;

import java.util.List;

/** A parsed spreadsheet: its column headings in order and its data rows. */
public record Sheet(List<String> headings, List<SheetRow> rows) {
}
