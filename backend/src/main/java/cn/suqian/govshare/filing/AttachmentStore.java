package cn.suqian.govshare.filing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Where attachments' bytes are kept: in the database (the default), or in the directory configured as
 * {@code govshare.filing.attachment-directory}. In a directory a file is named by its SHA-256 alone
 * ({@code ab/ab12…}), never by anything a user sent, so no upload can name a path outside it; a stored name is
 * checked against that shape and the directory again when read, and the bytes read must still have the checksum
 * recorded at upload. Called inside a {@code Db} unit of work (off the event loop). A file written by a transaction
 * that then rolls back stays behind, unreferenced: the same content uploaded again reuses it.
 */
@Component
class AttachmentStore {

    static final Pattern STORED_NAME = Pattern.compile("^[0-9a-f]{2}/[0-9a-f]{64}$");

    private final Path directory;

    AttachmentStore(@Value("${govshare.filing.attachment-directory:}") String directory) {
        this.directory = directory == null || directory.isBlank() ? null : Path.of(directory).toAbsolutePath().normalize();
        if (this.directory != null) {
            try {
                Files.createDirectories(this.directory);
            } catch (IOException e) {
                throw new UncheckedIOException("attachment directory " + this.directory + " cannot be created", e);
            }
        }
    }

    /** True when attachments go to the configured directory, false when into the database. */
    boolean inDirectory() {
        return directory != null;
    }

    /** Keeps the bytes in the directory under their checksum; returns the stored name (relative to the directory). */
    String write(String sha256, byte[] content) {
        String name = sha256.substring(0, 2) + "/" + sha256;
        Path target = resolve(name);
        try {
            if (Files.exists(target) && sha256.equals(AttachmentContent.sha256(Files.readAllBytes(target)))) {
                return name;
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), "upload-", ".part");
            try {
                Files.write(partial, content);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("attachment " + name + " could not be written", e);
        }
    }

    /** The bytes kept under {@code storedName}, refused unless they still have the recorded checksum. */
    byte[] read(String storedName, String sha256) {
        if (directory == null) {
            throw new IllegalStateException("attachment " + storedName + " is kept in a directory, but none is configured"
                    + " (govshare.filing.attachment-directory)");
        }
        try {
            byte[] content = Files.readAllBytes(resolve(storedName));
            if (!sha256.equals(AttachmentContent.sha256(content))) {
                throw new IllegalStateException("attachment " + storedName + " no longer has its recorded SHA-256");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("attachment " + storedName + " could not be read", e);
        }
    }

    /** A stored name as a path inside the directory; anything else (another shape, a way out) is refused. */
    Path resolve(String storedName) {
        if (directory == null || storedName == null || !STORED_NAME.matcher(storedName).matches()) {
            throw new IllegalArgumentException("not a stored attachment name: " + storedName);
        }
        Path p = directory.resolve(storedName).normalize();
        if (!p.startsWith(directory)) {
            throw new IllegalArgumentException("not a stored attachment name: " + storedName);
        }
        return p;
    }
}
