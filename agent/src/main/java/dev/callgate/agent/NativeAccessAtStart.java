package dev.callgate.agent;

/**
 * Whether the command line gave the agent's module native access, as seen when the agent starts.
 * Asked later it would not say: on the class path, the JDK's default ({@code
 * --illegal-native-access=warn}) grants the unnamed module native access the first time any class
 * in it calls a restricted method, after its warning, and JNA does so as it loads its library. The
 * FFM route is for a JVM started with {@code --enable-native-access}; without it nothing changes.
 */
final class NativeAccessAtStart {

    private static volatile boolean given;

    private NativeAccessAtStart() {}

    /** Called first thing when the agent installs, before the application (and JNA) runs. */
    static void note() {
        given = enabled(NativeAccessAtStart.class.getModule());
    }

    /** Null when native access was given at the start; else why the FFM route is not taken. */
    static String missing() {
        if (given) {
            return null;
        }
        Module own = NativeAccessAtStart.class.getModule();
        return "native access was not enabled for the agent when the JVM started; add --enable-native-access="
                + (own.isNamed() ? own.getName() : "ALL-UNNAMED") + " to the java command for the FFM route";
    }

    /** {@code Module.isNativeAccessEnabled()}, JDK 22 and later; false before (no FFM route there anyway). */
    private static boolean enabled(Module module) {
        try {
            return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module);
        } catch (ReflectiveOperationException | RuntimeException older) {
            return false;
        }
    }
}
