package cn.suqian.govshare.filing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Attachments kept in a directory: named by checksum only, read back only under it, never outside the directory. */
class AttachmentStoreTests {

    @TempDir
    Path dir;

    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void bytes_are_kept_under_their_checksum_and_read_back_unchanged() throws Exception {
        AttachmentStore store = new AttachmentStore(dir.toString());
        String sha = AttachmentContent.sha256(PDF);
        String name = store.write(sha, PDF);
        assertThat(name).isEqualTo(sha.substring(0, 2) + "/" + sha);
        assertThat(Files.readAllBytes(dir.resolve(name))).isEqualTo(PDF);
        assertThat(store.read(name, sha)).isEqualTo(PDF);
        // the same content again reuses the file
        assertThat(store.write(sha, PDF)).isEqualTo(name);
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void a_file_changed_behind_the_service_is_refused_by_its_checksum() throws Exception {
        AttachmentStore store = new AttachmentStore(dir.toString());
        String sha = AttachmentContent.sha256(PDF);
        String name = store.write(sha, PDF);
        Files.writeString(dir.resolve(name), "tampered");
        assertThatThrownBy(() -> store.read(name, sha)).isInstanceOf(IllegalStateException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void no_stored_name_reaches_outside_the_directory() {
        AttachmentStore store = new AttachmentStore(dir.toString());
        String sha = "a".repeat(64);
        for (String name : new String[]{"../etc/passwd", "aa/../../" + sha, "/etc/passwd", "aa/" + sha + "/..", "..", "aa\\" + sha, "",
                "AA/" + "A".repeat(64), "aa/" + sha + "x"}) {
            assertThatThrownBy(() -> store.resolve(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.read(name, sha)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.resolve("aa/" + sha).startsWith(dir.toAbsolutePath().normalize())).isTrue();
    }

    @Test
    void without_a_directory_attachments_go_to_the_database() {
        assertThat(new AttachmentStore("").inDirectory()).isFalse();
        assertThat(new AttachmentStore(dir.toString()).inDirectory()).isTrue();
    }
}
