package cn.suqian.govshare.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a start finds on the embedded data directory: a server a killed predecessor left, a stale pid file, another instance. */
class EmbeddedDataDirectoryTests {

    @TempDir
    Path dir;

    final List<String> said = new ArrayList<>();

    @Test
    void a_server_left_running_by_a_killed_predecessor_is_stopped_with_one_line_saying_so() throws Exception {
        // a stand-in for the orphaned postmaster: a real process whose executable is called postgres
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path postgres = Files.copy(Path.of("/bin/sleep"), bin.resolve("postgres"), StandardCopyOption.COPY_ATTRIBUTES);
        Process orphan = new ProcessBuilder(postgres.toString(), "600").start();
        try {
            Path data = Files.createDirectories(dir.resolve("pgdata"));
            Files.writeString(data.resolve("postmaster.pid"), orphan.pid() + "\n" + data + "\n");
            Files.writeString(data.resolve("epg-lock"), ""); // the predecessor's lock file, no longer held by anyone

            EmbeddedDataDirectory.claim(data, said::add);

            assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(said).singleElement().asString()
                    .contains("pid " + orphan.pid()).contains("was left running on " + data).contains("stopped it");
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void a_pid_file_naming_another_program_is_stale_and_removed_and_a_dead_pid_is_left_to_postgresql() throws Exception {
        Path data = Files.createDirectories(dir.resolve("pgdata"));
        Files.writeString(data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n"); // a live JVM, not PostgreSQL
        EmbeddedDataDirectory.claim(data, said::add);
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(said).singleElement().asString().contains("stale");

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(data.resolve("postmaster.pid"), gone.pid() + "\n");
        said.clear();
        EmbeddedDataDirectory.claim(data, said::add);
        assertThat(said).isEmpty();
        assertThat(data.resolve("postmaster.pid")).exists();
    }

    @Test
    void a_directory_another_instance_holds_is_refused_in_one_line_saying_what_to_do() throws Exception {
        Path data = Files.createDirectories(dir.resolve("pgdata"));
        try (FileChannel held = FileChannel.open(data.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = held.lock()) {
            assertThat(lock.isValid()).isTrue();
            assertThatThrownBy(() -> EmbeddedDataDirectory.claim(data, said::add))
                    .isInstanceOfSatisfying(EmbeddedDataDirectory.InUseException.class, e -> {
                        var analysis = new EmbeddedDatabaseFailureAnalyzer().analyze(e, e);
                        assertThat(analysis.getDescription()).isEqualTo("Another GovShare is running on the embedded database directory " + data + ".");
                        assertThat(analysis.getAction()).contains("Stop the other instance").contains("GOVSHARE_DATA_DIR")
                                .contains("GOVSHARE_EPHEMERAL=true").doesNotContain("\n");
                    });
        }
        // once the other instance has gone, the same directory is free
        EmbeddedDataDirectory.claim(data, said::add);
        assertThat(said).isEmpty();
    }

    @Test
    void a_fresh_directory_is_left_empty_for_initdb() throws Exception {
        Path data = dir.resolve("new");
        EmbeddedDataDirectory.claim(data, said::add);
        assertThat(data).doesNotExist();
    }
}
