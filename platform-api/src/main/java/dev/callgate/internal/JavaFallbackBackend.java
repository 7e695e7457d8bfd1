package dev.callgate.internal;

import dev.callgate.spi.AbstractOsBackend;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;
import dev.callgate.spi.PosixBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The backend used when no OS module serves this JVM (none on the class path, none for this OS, or
 * the one that serves it cannot start), so that callgate still gates: detection, policies,
 * containment, counters and listeners work as with an OS module. What it cannot do without native
 * code, it does through Java:
 *
 * <ul>
 * <li>lines go to {@link System#err} (the stream in place at each write, so a redirected
 *     {@code System.err} gets them), not through the OS's own write; still one whole line per
 *     write, from callgate's writer thread;
 * <li>thread ids are the OS's where Linux's {@code /proc/thread-self} can be read, else the Java
 *     thread id ({@link Thread#getId()}), which a thread that attaches per call changes each time;
 * <li>{@link #abort()} is {@code Runtime.halt(134)}, the status of a SIGABRT, but no signal and no
 *     core dump;
 * <li>no exit guard.
 * </ul>
 *
 * {@code -Dcallgate.requireOsModule=true} makes "no OS module" an error instead.
 */
public final class JavaFallbackBackend extends AbstractOsBackend {

    /** The backend's id, as {@code CallGate.selection().id()} reports it. */
    public static final String ID = dev.callgate.BackendSelection.JAVA_FALLBACK_ID;

    /** The module that ships it. */
    public static final String ARTIFACT = "dev.callgate:callgate-platform-api";

    /** What {@code CallGate.selection()} reports for it; never found by {@code ServiceLoader}, never picked by id. */
    public static final OsBackendProvider PROVIDER = new OsBackendProvider() {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public PlatformMatch match(String osName, String osArch) {
            return PlatformMatch.rejects("the Java fallback is used only when no OS module serves the platform");
        }

        @Override
        public String artifact() {
            return ARTIFACT;
        }

        @Override
        public OsBackend create() {
            return new JavaFallbackBackend();
        }
    };

    /** Standard output and standard error, as on POSIX: the only targets Java can write to. */
    static final long STDOUT = 1;
    static final long STDERR = 2;

    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final boolean osThreadIds;

    /** The fallback backend; it loads no native code. */
    public JavaFallbackBackend() {
        super(ID, new SystemStreamWrite(), STDERR);
        this.osThreadIds = osThreadId() > 0;
    }

    /** The OS's thread id where {@code /proc/thread-self} tells it, else the Java thread id. */
    @Override
    public long currentNativeThreadId() {
        long id = osThreadIds ? osThreadId() : -1;
        return id > 0 ? id : Thread.currentThread().getId();
    }

    /** {@code /proc/thread-self} links to {@code <pid>/task/<tid>}; -1 where there is no such link. */
    private static long osThreadId() {
        try {
            String link = Files.readSymbolicLink(THREAD_SELF).toString();
            return Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
        } catch (IOException | RuntimeException e) { // no procfs, not Linux, a sandbox
            return -1;
        }
    }

    /** {@code Runtime.halt(134)}: the status of a SIGABRT, without the signal and without a core dump. */
    @Override
    public void abort() {
        Runtime.getRuntime().halt(PosixBackend.SIGABRT_EXIT_STATUS);
    }

    /**
     * Writes to {@link System#out} (target 1) or {@link System#err} (target 2); any other target
     * fails with EBADF (9). A stream in error fails with EIO (5) ({@link PrintStream#checkError()}).
     */
    static final class SystemStreamWrite implements NativeWrite {

        static final int EIO = 5;
        static final int EBADF = 9;

        private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);

        @Override
        public long write(long target, NativeMessage message, int offset, int count) {
            PrintStream stream = target == STDERR ? System.err : target == STDOUT ? System.out : null;
            if (stream == null) {
                lastError.set(EBADF);
                return -1;
            }
            stream.write(message.sharedBytes(), offset, count);
            if (stream.checkError()) { // flushes, then tells whether the stream ever failed
                lastError.set(EIO);
                return -1;
            }
            return count;
        }

        @Override
        public int lastError() {
            return lastError.get();
        }

        @Override
        public boolean isInterrupted(int error) {
            return false; // PrintStream retries nothing and reports no interruption
        }
    }
}
