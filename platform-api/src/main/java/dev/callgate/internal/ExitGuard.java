package dev.callgate.internal;

import dev.callgate.spi.OsBackend;
import java.util.Locale;

/**
 * Decides whether {@code exit(3)} may run other code's exit work, so that kept-attached threads
 * cannot hang it. A native thread that the JVM keeps attached (callgate's default, every FFM
 * upcall) cannot detach once the VM has exited; a library destructor that joins such threads at
 * {@code exit(3)} (libuv's pool) then hangs the process for ever. The backend's guard (glibc: a
 * conditional {@code on_exit} handler) ends the process with its status before the remaining exit
 * handlers and library destructors, but only while it is armed.
 *
 * <p>It is armed while a kept-attached foreign thread may be alive: a gate arms it when it first
 * sees such a thread (also during shutdown); a shutdown hook disarms it, then re-arms it if a
 * recorded thread is still alive. {@code System.exit}, SIGTERM and a return from {@code main}
 * therefore decide on the threads alive at exit; {@code Runtime.halt} runs no hook and keeps the
 * last decision (armed once such a thread was seen). A process that never had such a thread
 * registers nothing. Property {@value CallbackGate#EXIT_GUARD_PROPERTY}: see {@link Mode}.
 */
public final class ExitGuard {

    private static final KeptThreads KEPT = new KeptThreads();
    /** Made when a gate is built, on a Java thread: a native thread's first call loads no lambda class. */
    private static final Runnable RECOUNT = ExitGuard::recountAtExit;
    private static volatile Mode mode = Mode.AUTO;
    private static boolean hookAdded; // guarded by KEPT
    private static volatile OsBackend armedBy; // the backend whose guard a gate armed
    private static volatile String failure;

    private ExitGuard() {}

    /** The values of {@value CallbackGate#EXIT_GUARD_PROPERTY}; parsing lives only here. */
    public enum Mode {
        /** The default: acts only in a JVM started by the {@code java} launcher. */
        AUTO,
        /** Acts also in a JVM that a host started with {@code JNI_CreateJavaVM}. */
        ALWAYS,
        /** Never acts: a library that joins kept-attached threads at exit may hang it. */
        OFF;

        /** The documented values, as the error message lists them. */
        public static final String ALLOWED = "auto (the default), always, off, true (= auto), false (= off)";

        /**
         * The mode a property value names, case and surrounding blanks ignored; {@code null} or
         * blank is {@link #AUTO}.
         *
         * @throws IllegalArgumentException naming the property, the value and {@link #ALLOWED}
         */
        public static Mode parse(String value) {
            String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            switch (v) {
                case "":
                case "auto":
                case "true":
                    return AUTO;
                case "always":
                    return ALWAYS;
                case "off":
                case "false":
                    return OFF;
                default:
                    throw new IllegalArgumentException("-D" + CallbackGate.EXIT_GUARD_PROPERTY + "=" + value
                            + " is not one of " + ALLOWED + "; fix the value, or remove the property for the"
                            + " default, auto");
            }
        }

        /** Whether the guard acts in this JVM: not when off, nor under {@link #AUTO} in an embedded JVM. */
        boolean acts() {
            return this == ALWAYS || this == AUTO && startedByJavaLauncher();
        }
    }

    /** {@code sun.java.launcher} is {@code SUN_STANDARD} under the {@code java} launcher, absent in a host's JVM. */
    static boolean startedByJavaLauncher() {
        return "SUN_STANDARD".equals(System.getProperty("sun.java.launcher"));
    }

    /**
     * A gate is being built (on a Java thread): validates the property and binds the backend's
     * guard without registering anything, so that a native thread's first call pays for neither.
     *
     * @throws IllegalArgumentException if a {@code callgate.*} property is bad (see {@link Settings})
     */
    static void gateBuilt(OsBackend backend) {
        gateBuilt(backend, Settings.current().exitGuard());
    }

    /** {@link #gateBuilt(OsBackend)} with the mode given (tests). */
    static void gateBuilt(OsBackend backend, Mode now) {
        mode = now;
        if (now.acts()) {
            describe(backend);
        }
    }

    /**
     * The calling thread is foreign and a gate keeps it attached: records it (weakly) and arms the
     * guard, registering it at the first such thread. Once per thread and gate, never per call.
     * Never throws (a failure is kept for {@link #status}).
     */
    static void keptAttached(Thread thread, OsBackend backend) {
        if (!mode.acts()) {
            return;
        }
        try {
            boolean first;
            synchronized (KEPT) { // recorded before armed: the exit-time recount then sees it or is overridden
                first = KEPT.record(thread);
                if (first && !hookAdded) {
                    armedBy = backend; // before the hook that reads it
                    hookAdded = addRecountHook();
                }
            }
            if (first) {
                backend.armExitGuard(true);
            }
        } catch (Throwable t) {
            failure = t.toString();
        }
    }

    private static boolean addRecountHook() {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(RECOUNT, "callgate-exit-guard"));
            return true;
        } catch (IllegalStateException alreadyShuttingDown) {
            return false; // stays armed: the thread just recorded is alive
        }
    }

    /** Shutdown hook: disarm, then re-arm if a recorded thread is alive (a thread recorded meanwhile re-arms too). */
    private static void recountAtExit() {
        OsBackend backend = armedBy;
        boolean keep = true; // when in doubt, armed: a hang is worse than skipped exit work
        try {
            backend.armExitGuard(false);
            keep = KEPT.aliveCount() > 0;
        } catch (Throwable t) {
            failure = t.toString();
        } finally {
            if (keep) {
                try {
                    backend.armExitGuard(true);
                } catch (Throwable t) {
                    failure = t.toString();
                }
            }
        }
    }

    private static String describe(OsBackend backend) {
        try {
            return backend.exitGuard();
        } catch (Throwable t) {
            failure = t.toString();
            return null;
        }
    }

    /**
     * One line for {@code callgate.jar doctor}: the mode, whether the guard is armed now and why,
     * and what the backend's guard is.
     */
    public static String status(OsBackend backend) {
        return status(backend, Settings.current().exitGuard());
    }

    /** {@link #status(OsBackend)} for the mode given (tests). */
    static String status(OsBackend backend, Mode now) {
        String name = now.name().toLowerCase(Locale.ROOT);
        if (now == Mode.OFF) {
            return "off (-D" + CallbackGate.EXIT_GUARD_PROPERTY + "=" + System.getProperty(CallbackGate.EXIT_GUARD_PROPERTY)
                    + "): a library that joins kept-attached threads at exit may hang it";
        }
        if (!now.acts()) {
            return "not armed: embedded JVM (no java launcher), so the host's exit work always runs; -D"
                    + CallbackGate.EXIT_GUARD_PROPERTY + "=always arms it";
        }
        String what = describe(backend);
        if (what == null) {
            return name + ": none on " + backend.id() + (failure != null ? " (" + failure + ")" : "");
        }
        int alive = KEPT.aliveCount();
        String state = alive > 0
                ? "armed now: " + alive + " kept-attached foreign thread(s) alive, so exit(3) ends the process"
                        + " before the exit work registered earlier and before library destructors"
                : "standing by, armed only while a kept-attached foreign thread is alive at exit (0 now)";
        return name + ": " + state + "; " + what + (failure != null ? "; last failure: " + failure : "");
    }

    /** Kept-attached foreign threads alive now, for tests and {@link #status}. */
    static int keptAliveCount() {
        return KEPT.aliveCount();
    }
}
