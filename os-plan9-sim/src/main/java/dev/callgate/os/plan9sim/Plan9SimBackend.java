package dev.callgate.os.plan9sim;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.AbstractOsBackend;
import java.util.Arrays;

/**
 * callgate's OS backend over the simulated Plan 9 process: diagnostics are {@code pwrite}s at
 * offset -1, fd 2 is {@code /dev/cons} (the host's stderr unless a test swaps its sink), the
 * thread id is the simulated proc's pid, and abort ends the simulated process, then the JVM.
 * Selected only by override: {@code -Dcallgate.os=plan9-sim}.
 *
 * <p>No exit guard ({@link #exitGuard()} is {@code null}): nothing native runs in it.
 */
final class Plan9SimBackend extends AbstractOsBackend {

    /** The provider and backend id. */
    static final String ID = "plan9-sim";

    /**
     * The host exit status of {@link #abort()}: 128 + 6, what a parent sees when a POSIX process
     * dies of {@code SIGABRT}, so a harness sees the same status from every backend.
     */
    static final int ABORT_EXIT_STATUS = 134;

    /** The exit string of a process ended by {@link #abort()}, in the style of Plan 9's "sys:" notes. */
    static final String ABORT_STATUS = "sys: abort";

    /** The error codes {@link NativeWrite#lastError()} reports: Plan 9 has strings, callgate wants ints. */
    static final int NO_ERROR = 0;
    static final int BAD_FD = 1;
    static final int IO_ERROR = 2;
    static final int PROCESS_EXITED = 3;
    static final int INTERRUPTED = 4;
    static final int OTHER = 99;

    /** Ends the host process; {@link Runtime#halt(int)} for real, tests replace it. */
    @FunctionalInterface
    interface Halt {
        void halt(int status);
    }

    private final Plan9Console console;
    private final Plan9Process process;
    private final Halt halt;

    /** A backend whose process stands for this JVM: abort halts it. */
    Plan9SimBackend(Plan9Console console) {
        this(console, new Plan9Process(console), status -> Runtime.getRuntime().halt(status));
    }

    Plan9SimBackend(Plan9Console console, Plan9Process process, Halt halt) {
        super(ID, new PwriteWrite(process), 2); // fd 2: /dev/cons
        this.console = console;
        this.process = process;
        this.halt = halt;
    }

    /** The simulated pid of the calling thread's proc: stable per thread, distinct between threads, never 0. */
    @Override
    public long currentNativeThreadId() {
        return process.getpid();
    }

    /**
     * {@code exits("sys: abort")}, then {@link Runtime#halt(int)} with {@value #ABORT_EXIT_STATUS}:
     * the simulated process is this JVM, and the abort policy promises that the process ends.
     * Shutdown hooks do not run, as after {@code abort(3)}.
     */
    @Override
    public void abort() {
        process.exits(ABORT_STATUS);
        halt.halt(ABORT_EXIT_STATUS);
        throw new IllegalStateException("callgate: the plan9-sim halt hook returned after abort(); a Halt must end"
                + " the process (Runtime.halt) or throw");
    }

    /** Test seam: the simulated {@code /dev/cons}, to capture it or stall it. */
    Plan9Console console() {
        return console;
    }

    /** Test seam: the simulated process that stands for this JVM. */
    Plan9Process process() {
        return process;
    }

    /** The code of an error string; compares constants only, so reading it allocates nothing. */
    static int codeOf(String errstr) {
        if (errstr == null || errstr.isEmpty()) {
            return NO_ERROR;
        }
        if (errstr.equals(Plan9Process.EBADFD)) {
            return BAD_FD;
        }
        if (errstr.equals(Plan9Process.EIO)) {
            return IO_ERROR;
        }
        if (errstr.equals(Plan9Process.EPROCDIED)) {
            return PROCESS_EXITED;
        }
        return errstr.equals(Plan9Process.EINTR) ? INTERRUPTED : OTHER;
    }

    /**
     * callgate's single native write on Plan 9: {@code pwrite(fd, buf, n, -1)}, the call Go's
     * runtime uses there. A whole message goes out from {@link NativeMessage#sharedBytes()}
     * without a copy; only the continuation of a partial write, which the console never makes,
     * copies the rest, because {@code pwrite} takes the buffer from its first byte.
     */
    private static final class PwriteWrite implements NativeWrite {
        private final Plan9Process process;

        PwriteWrite(Plan9Process process) {
            this.process = process;
        }

        @Override
        public long write(long target, NativeMessage message, int offset, int count) {
            int fd = target < 0 || target > Integer.MAX_VALUE ? -1 : (int) target; // -1: "fd out of range"
            byte[] bytes = message.sharedBytes();
            if (offset != 0) {
                bytes = Arrays.copyOfRange(bytes, offset, offset + count);
            }
            return process.pwrite(fd, bytes, count, -1);
        }

        @Override
        public int lastError() {
            return codeOf(process.errstr());
        }

        /** Plan 9's "interrupted": a note cut the call short, so try again. */
        @Override
        public boolean isInterrupted(int error) {
            return error == INTERRUPTED;
        }
    }
}
