package dev.callgate.internal;

import dev.callgate.GatedCallback;
import dev.callgate.spi.DiagnosticWriter;
import java.util.function.BiConsumer;

/**
 * Lets callgate's own tests, tools and benchmarks send one callback's diagnostics to another
 * descriptor (a file they read back, {@code /dev/null}), which the public builder does not offer:
 * an application has no raw descriptor to give.
 */
public final class RoutingAccess {

    private static volatile BiConsumer<Object, DiagnosticWriter> route;

    private RoutingAccess() {}

    /** Called once by {@link GatedCallback.Builder}'s class initializer. */
    public static void register(BiConsumer<Object, DiagnosticWriter> routing) {
        if (route == null) { // the first registration, from callgate itself, stands
            route = routing;
        }
    }

    /** Routes {@code builder}'s diagnostics to {@code writer}, and returns the builder. */
    public static <B extends GatedCallback.Builder<?>> B diagnostics(B builder, DiagnosticWriter writer) {
        route.accept(builder, writer);
        return builder;
    }
}
