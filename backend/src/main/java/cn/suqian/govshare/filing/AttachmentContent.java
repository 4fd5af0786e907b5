package cn.suqian.govshare.filing;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.ProblemCode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What an uploaded attachment really is, judged by its first bytes (magic numbers), never by its name or the
 * declared content type: PDF, PNG, JPEG, Office Open XML (docx/xlsx, a zip), legacy Office (doc/xls, OLE2).
 * The name's extension must agree with the content, so a renamed HTML page or script is refused.
 */
public final class AttachmentContent {

    /** The accepted kinds of file: detected content type and the extensions that may name it. */
    enum Type {
        PDF("application/pdf", List.of("pdf")),
        PNG("image/png", List.of("png")),
        JPEG("image/jpeg", List.of("jpg", "jpeg")),
        OOXML("application/vnd.openxmlformats-officedocument", List.of("docx", "xlsx", "pptx")),
        OLE2("application/x-ole-storage", List.of("doc", "xls", "ppt"));

        final String contentType;
        final List<String> extensions;

        Type(String contentType, List<String> extensions) {
            this.contentType = contentType;
            this.extensions = extensions;
        }
    }

    static final String ACCEPTED = "pdf, png, jpg, docx, xlsx, pptx, doc, xls, ppt";

    /** A file that passed: its cleaned name, the content type served with it, its SHA-256. */
    public record Checked(String fileName, String contentType, String sha256) {
    }

    private AttachmentContent() {
    }

    /** An uploaded part's bytes, at most {@code maxBytes} (more: refused as too large, naming the file). */
    public static reactor.core.publisher.Mono<byte[]> bytes(org.springframework.http.codec.multipart.FilePart file, int maxBytes) {
        return org.springframework.core.io.buffer.DataBufferUtils.join(file.content(), maxBytes + 1)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class, e -> new InvalidInputException(
                        FieldProblem.of("file", file.filename(), ProblemCode.FILE_TOO_LARGE, maxBytes / (1024 * 1024))));
    }

    /**
     * A stored attachment as a response: always a download ({@code Content-Disposition: attachment}), never sniffed or
     * rendered inline ({@code nosniff}, a sandboxing CSP), with its SHA-256.
     */
    public static org.springframework.http.ResponseEntity<byte[]> download(String fileName, String contentType, String sha256, byte[] content) {
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(contentType))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.attachment()
                        .filename(fileName, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("X-Checksum-SHA256", sha256)
                .body(content);
    }

    /** Checks an upload by its content and name; refuses it naming the file and what is wrong. */
    public static Checked check(String fileName, byte[] content, int maxBytes) {
        String name = fileName == null ? "" : fileName.strip().replaceAll("[\\\\/\\p{Cntrl}]", "_");
        if (name.isEmpty()) {
            throw new InvalidInputException(FieldProblem.required("file"));
        }
        if (name.length() > 200) {
            throw new InvalidInputException(FieldProblem.maxLength("file", name, 200));
        }
        if (content.length == 0) {
            throw new InvalidInputException(FieldProblem.of("file", name, ProblemCode.EMPTY_FILE));
        }
        if (content.length > maxBytes) {
            throw new InvalidInputException(FieldProblem.of("file", name, ProblemCode.FILE_TOO_LARGE, maxBytes / (1024 * 1024)));
        }
        Type type = detect(content);
        if (type == null) {
            throw new InvalidInputException(FieldProblem.of("file", name, ProblemCode.FILE_TYPE, ACCEPTED));
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!type.extensions.contains(extension)) {
            throw new InvalidInputException(FieldProblem.of("file", name, ProblemCode.FILE_NAME_MISMATCH, String.join("/", type.extensions)));
        }
        String contentType = switch (extension) {
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "pptx" -> "application/vnd.openxmlformats-officedocument.presentationml.presentation";
            case "doc" -> "application/msword";
            case "xls" -> "application/vnd.ms-excel";
            case "ppt" -> "application/vnd.ms-powerpoint";
            default -> type.contentType;
        };
        return new Checked(name, contentType, sha256(content));
    }

    static Type detect(byte[] b) {
        if (starts(b, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return Type.PDF;
        }
        if (starts(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Type.PNG;
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return Type.JPEG;
        }
        if (starts(b, 0x50, 0x4B, 0x03, 0x04)) {
            return Type.OOXML;
        }
        if (starts(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return Type.OLE2;
        }
        return null;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
