package cn.suqian.govshare.record;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/** File downloads with a proper (UTF-8) file name, and uploaded files read into memory. */
public final class SpreadsheetResponses {

    /** Upper bound on an uploaded spreadsheet. */
    public static final int MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

    private SpreadsheetResponses() {
    }

    public static ResponseEntity<byte[]> file(SheetBackedRecords.SheetFile file) {
        return ResponseEntity.ok()
                .contentType(file.format().mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.baseName() + "." + file.format().extension(), StandardCharsets.UTF_8).build().toString())
                .body(file.content());
    }

    public static Mono<byte[]> read(FilePart part) {
        return DataBufferUtils.join(part.content(), MAX_UPLOAD_BYTES).map(buffer -> {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
            return bytes;
        });
    }
}
