package example.app;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import example.app.closed.Tick;

/**
 * Prints what the module system gives this module, then, by its argument: {@code foreign-thread}
 * gates a callback that a new POSIX thread calls (the gate diagnoses it: the path that commits
 * callgate's JFR event when a recording runs); {@code closed} gates a callback interface whose
 * package is not opened, and prints callgate's refusal.
 */
public final class NamedApp {

    /** {@code void *(*start_routine)(void *)}. */
    interface StartRoutine extends Callback {
        Pointer run(Pointer arg);
    }

    /** {@code pthread_create} and {@code pthread_join}, in libc since glibc 2.34 and in libpthread before. */
    interface Pthread extends Library {
        int pthread_create(NativeLongByReference thread, Pointer attr, StartRoutine startRoutine, Pointer arg);

        int pthread_join(NativeLong thread, PointerByReference retval);
    }

    private NamedApp() {}

    public static void main(String[] args) {
        Module self = NamedApp.class.getModule();
        System.out.println("module: " + self.getName());
        System.out.println("jdk.jfr in the boot layer: " + ModuleLayer.boot().findModule("jdk.jfr").isPresent());
        System.out.println("dev.callgate.internal exported to this module: "
                + CallGate.class.getModule().isExported("dev.callgate.internal", self));
        if (args[0].equals("closed")) {
            try {
                CallGate.wrap(Tick.class, () -> { });
                System.out.println("gated");
            } catch (IllegalArgumentException refused) {
                System.out.println("refused: " + refused.getMessage());
            }
        } else {
            foreignThread();
        }
    }

    private static void foreignThread() {
        Pthread pthread = Native.load("pthread", Pthread.class);
        StartRoutine body = arg -> {
            System.out.println("body ran on " + Thread.currentThread().getName());
            return null;
        };
        try (GatedCallback<StartRoutine> start = CallGate.builder(StartRoutine.class, body)
                .name("named-start").policy(Policy.WARN).build()) {
            NativeLongByReference thread = new NativeLongByReference();
            check("pthread_create", pthread.pthread_create(thread, null, start.callback(), null));
            check("pthread_join", pthread.pthread_join(thread.getValue(), new PointerByReference()));
            System.out.println("foreign calls: " + start.stats().foreignCalls());
        }
    }

    private static void check(String function, int result) {
        if (result != 0) {
            throw new IllegalStateException(function + " failed with error number " + result);
        }
    }
}
