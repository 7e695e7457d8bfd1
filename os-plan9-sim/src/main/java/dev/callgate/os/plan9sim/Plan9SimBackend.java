package dev.callgate.os.plan9sim;

import dev.callgate.spi.NativeWriteBackend;

/**
 * callgate's OS backend over the simulated Plan 9 kernel: diagnostics are {@code pwrite}s at
 * offset -1 on a simulated process's descriptors, {@code /dev/cons} (fd 2) is the host's stderr
 * unless swapped ({@link #kernel()}{@code .setConsole(...)}), and the thread id is the simulated
 * proc's pid.
 *
 * <p>Selected only by override: {@code -Dcallgate.os=plan9-sim}. A demo or test reaches the
 * kernel by casting the selected backend: {@code ((Plan9SimBackend) selection.backend()).kernel()}.
 */
public final class Plan9SimBackend extends NativeWriteBackend {

    /** The provider and backend id. */
    public static final String ID = "plan9-sim";

    /**
     * The host exit status {@link #abort()} ends the JVM with: 128 + 6, what a parent sees when a
     * POSIX process dies of {@code SIGABRT}, so that a harness checking the abort policy sees the
     * same status from every backend.
     */
    public static final int ABORT_EXIT_STATUS = 134;

    /** The exit string of a process ended by {@link #abort()}, in the style of Plan 9's "sys:" notes. */
    public static final String ABORT_STATUS = "sys: abort";

    /** Ends the host process; the default is {@link Runtime#halt(int)}, tests replace it. */
    @FunctionalInterface
    public interface Halt {
        /** Ends the process with {@code status}; should not return. */
        void halt(int status);
    }

    private final Plan9Kernel kernel;
    private final Plan9Process process;
    private final Halt halt;

    /**
     * A backend over a new process {@code "java"} of {@code kernel}, which stands for this JVM: its
     * {@link #abort()} really ends the JVM.
     */
    public Plan9SimBackend(Plan9Kernel kernel) {
        this(kernel, kernel.spawn("java"), status -> Runtime.getRuntime().halt(status));
    }

    /**
     * A backend over {@code process} of {@code kernel}; {@link #abort()} ends the host through
     * {@code halt} after the simulated process exits.
     */
    public Plan9SimBackend(Plan9Kernel kernel, Plan9Process process, Halt halt) {
        super(ID, new Plan9NativeWrite(process), 2); // fd 2: /dev/cons unless redirected
        this.kernel = kernel;
        this.process = process;
        this.halt = halt;
    }

    /** The simulated pid of the calling thread's proc: stable per thread, distinct between threads, never 0. */
    @Override
    public long currentNativeThreadId() {
        return process.getpid();
    }

    /**
     * Ends the simulated process with {@code exits("sys: abort")}, then the JVM itself with
     * {@link Runtime#halt(int)} and status {@value #ABORT_EXIT_STATUS}: the simulated process is
     * this JVM, and the abort policy promises that the process ends. Shutdown hooks do not run, as
     * after {@code abort(3)}; no core is dumped, since nothing native failed. (Plan 9's own
     * {@code abort(2)} faults on purpose, so a real process would die of a "sys: trap" note.)
     */
    @Override
    public void abort() {
        process.exits(ABORT_STATUS);
        halt.halt(ABORT_EXIT_STATUS);
        throw new IllegalStateException("callgate: the halt hook of the plan9-sim backend returned after abort();"
                + " a Halt must end the process (Runtime.halt) or throw");
    }

    /** The simulated kernel, to swap the console ({@link Plan9Kernel#setConsole}) or add files. */
    public Plan9Kernel kernel() {
        return kernel;
    }

    /** The simulated process that stands for this JVM. */
    public Plan9Process process() {
        return process;
    }

}
