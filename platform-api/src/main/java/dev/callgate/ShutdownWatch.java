package dev.callgate;

/**
 * Knows whether JVM shutdown has begun. A shutdown hook flips one volatile flag; the gate reads it
 * on every call, so callbacks that native threads keep making while {@code System.exit} runs return
 * at once instead of running application code that shutdown hooks are tearing down.
 */
final class ShutdownWatch {

    private static volatile boolean shuttingDown;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shuttingDown = true, "callgate-shutdown-watch"));
        } catch (IllegalStateException alreadyShuttingDown) {
            shuttingDown = true;
        }
    }

    private ShutdownWatch() {}

    static boolean shuttingDown() {
        return shuttingDown;
    }

    /** Makes sure the hook is registered before the first gated callback can be called. */
    static void install() {
        // class initialization registers the hook
    }
}
