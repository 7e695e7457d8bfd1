package dev.callgate.os.plan9sim;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackend;

/**
 * Run in a child JVM by {@link AbortEndsTheJvmTest}: writes one diagnostic through the provider's
 * backend (the host's stderr), registers a shutdown hook that must not run, and aborts.
 */
public final class AbortChild {

    private AbortChild() {
    }

    public static void main(String[] args) {
        OsBackend backend = new Plan9SimBackendProvider().create();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        if (!backend.stderr().write(NativeMessage.encode("callgate: aborting from plan9-sim"))) {
            System.exit(3);
        }
        backend.abort();
        System.out.println("abort returned");
        System.exit(4);
    }
}
