package cn.suqian.govshare.record;

import cn.suqian.govshare.web.ConflictException;
import cn.suqian.govshare.web.ResponseCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A record with the version it was read or written at: the optimistic-concurrency token of the registries.
 * Over HTTP the version is the record's {@code ETag}; a replacement or retirement that sends it back in
 * {@code If-Match} is refused (409, problem code {@code editConflict}) when someone else changed the record
 * in between, instead of silently overwriting their change.
 */
public record Versioned<T>(T record, long version) {

    /** 200 with the record and its ETag. */
    public ResponseEntity<T> ok() {
        return response(HttpStatus.OK);
    }

    /** 201 with the new record and its ETag. */
    public ResponseEntity<T> created() {
        return response(HttpStatus.CREATED);
    }

    private ResponseEntity<T> response(HttpStatus status) {
        return ResponseEntity.status(status).eTag(etag(version)).body(record);
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header expects: null when there is no header (or {@code *}: any version);
     * a header that names no version of ours ({@code "abc"}) expects one no record has, so it is refused.
     */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "").strip();
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    /** Refuses a change made against another version than the stored one (no expectation: any version). */
    public static void check(String code, Long expected, long stored) {
        if (expected != null && expected != stored) {
            throw new ConflictException(ResponseCode.EDIT_CONFLICT, code, expected, stored);
        }
    }
}
