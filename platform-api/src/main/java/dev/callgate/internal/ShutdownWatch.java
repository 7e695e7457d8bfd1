package dev.callgate.internal;

/**
 * Knows whether JVM shutdown has begun. A shutdown hook flips one volatile flag; gates read it on
 * every call. Hooks run in no set order, so this says nothing about the application's own hooks:
 * an application that tears down what a callback uses closes the callback first (a barrier).
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

    /** Registers the hook (class initialization does it) before the first callback can arrive. */
    static void install() {
        // class initialization registers the hook
    }
}
