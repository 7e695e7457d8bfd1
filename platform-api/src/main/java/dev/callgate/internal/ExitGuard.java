package dev.callgate.internal;

import dev.callgate.spi.OsBackend;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Installs the backend's exit guard once, when the first gate is built (on that Java thread, so no
 * native thread's first call pays for binding it). A native
 * thread that the JVM keeps attached (callgate's default, JNA's {@code CallbackThreadInitializer},
 * every FFM upcall) cannot detach once the VM has exited; a library destructor that joins such
 * threads at {@code exit(3)} (libuv's thread pool does) then hangs the process for ever. The
 * guard ends the process with its exit status before library destructors run. Opt out with
 * {@code -Dcallgate.exitGuard=off}.
 */
public final class ExitGuard {

    private static final AtomicBoolean DONE = new AtomicBoolean();
    private static volatile String installed;

    private ExitGuard() {}

    static void installOnce(OsBackend backend) {
        if (DONE.get()) {
            return;
        }
        synchronized (ExitGuard.class) { // once per JVM, off every callback thread: gates are built on Java threads
            if (DONE.get()) {
                return;
            }
            if (Settings.current().exitGuardOff()) {
                installed = "off (-D" + Settings.EXIT_GUARD + "=" + Settings.current().exitGuard() + ")";
                DONE.set(true);
                return;
            }
            try {
                String what = backend.installExitGuard();
                if (what != null) {
                    installed = what;
                    DONE.set(true);
                } else {
                    installed = "not available on " + backend.id(); // another backend may still have one
                }
            } catch (Throwable t) {
                installed = "failed: " + t;
                DONE.set(true);
            }
        }
    }

    /** What was installed, for {@code callgate.jar doctor}; null before the first gate. */
    public static String status() {
        return installed;
    }
}
