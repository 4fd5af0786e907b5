package cn.suqian.govshare.spreadsheet;

import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.FieldProblem;
import org.springframework.http.MediaType;

/** The two spreadsheet formats GovShare reads and writes. */
public enum SheetFormat {
    XLSX(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "xlsx"),
    CSV(MediaType.parseMediaType("text/csv;charset=UTF-8"), "csv");

    private final MediaType mediaType;
    private final String extension;

    SheetFormat(MediaType mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** From a {@code format} request parameter. */
    public static SheetFormat of(String name) {
        if (name == null || name.isBlank()) {
            return XLSX;
        }
        return switch (name.strip().toLowerCase()) {
            case "xlsx" -> XLSX;
            case "csv" -> CSV;
            default -> throw new InvalidInputException(FieldProblem.oneOf("format", name, "xlsx, csv"));
        };
    }

    /** From the file's content: XLSX files are ZIP archives ("PK"), anything else is read as CSV. */
    public static SheetFormat sniff(byte[] content) {
        return content.length >= 2 && content[0] == 'P' && content[1] == 'K' ? XLSX : CSV;
    }
}
