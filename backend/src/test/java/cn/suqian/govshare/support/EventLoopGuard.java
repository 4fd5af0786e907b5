package cn.suqian.govshare.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.fail;

/**
 * Fails a test when blocking code ran on a non-blocking thread (Netty's event loops, Reactor's parallel
 * scheduler) while it ran. BlockHound is installed once for the test JVM, with the allowances of
 * {@link Allowances}; each blocking call is recorded, then refused with BlockHound's
 * {@link BlockingOperationError} as usual. Recording matters because the error is thrown on a server thread:
 * a test that only checks, say, a 4xx status would otherwise not notice. Needs
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods} on JDK 13+ (surefire's argLine sets it).
 */
public final class EventLoopGuard implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    /** One blocking call on a non-blocking thread. */
    public record Violation(String method, String thread, String stack) {
        @Override
        public String toString() {
            return method + " on " + thread + "\n" + stack;
        }
    }

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final ConcurrentLinkedQueue<Violation> VIOLATIONS = new ConcurrentLinkedQueue<>();

    /** Installs BlockHound for this JVM (once). */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            BlockHound.builder()
                    .loadIntegrations(new Allowances()) // with Reactor's, Netty's and Spring's own (ServiceLoader)
                    .blockingMethodCallback(EventLoopGuard::refuse)
                    .install();
        }
    }

    /** The violations recorded since the last call, which are forgotten (a test that provokes one on purpose takes it here). */
    public static List<Violation> drain() {
        List<Violation> taken = new ArrayList<>();
        Violation v;
        while ((v = VIOLATIONS.poll()) != null) {
            taken.add(v);
        }
        return taken;
    }

    private static void refuse(BlockingMethod method) {
        BlockingOperationError error = new BlockingOperationError(method);
        StringWriter stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        VIOLATIONS.add(new Violation(method.toString(), Thread.currentThread().getName(), stack.toString()));
        throw error;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // what happened since the last test (the application starting, a request finishing late) counts too
        report(drain(), "before " + context.getDisplayName() + " (start-up or an earlier test's late work)");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        report(drain(), "during " + context.getDisplayName());
    }

    private static void report(List<Violation> found, String when) {
        if (!found.isEmpty()) {
            fail(found.size() + " blocking call(s) on a non-blocking thread " + when + ":\n"
                    + String.join("\n", found.stream().map(Violation::toString).toList()));
        }
    }

    /**
     * What may block briefly on an event loop because it is harmless, each with why. Application code gets
     * no allowance: it moves its blocking work to {@code Db} or {@code Blocking} instead.
     */
    static final class Allowances implements BlockHoundIntegration {
        @Override
        public void applyTo(BlockHound.Builder builder) {
            // File-channel I/O is not on BlockHound's own list (it watches FileInputStream/FileOutputStream);
            // temp files and Files.read*/write* go through these.
            builder.markAsBlocking("sun.nio.ch.FileChannelImpl", "read", "(Ljava/nio/ByteBuffer;)I");
            builder.markAsBlocking("sun.nio.ch.FileChannelImpl", "write", "(Ljava/nio/ByteBuffer;)I");
            builder.markAsBlocking("sun.nio.ch.FileChannelImpl", "force", "(Z)V");

            // Logging: an appender writes a line to the console or a file and takes its short lock.
            builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes");
            // Logging a stack trace looks up each frame's jar version (a manifest read, then cached per class).
            builder.allowBlockingCallsInside("ch.qos.logback.classic.spi.PackagingDataCalculator", "calculate");
            // SecureRandom's default (NativePRNG) tops up its buffer from /dev/urandom, which never blocks
            // (multipart boundaries, token secrets, UUIDs).
            builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
            // Netty 4.2's adaptive buffer allocator takes a short internal lock while it grows its magazines
            // under load (a lock held for a few instructions, not I/O).
            builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
            // A webjar's version is read from its pom.properties once per webjar, then cached for the process.
            builder.allowBlockingCallsInside("org.webjars.WebJarVersionLocator", "version");
        }
    }
}
