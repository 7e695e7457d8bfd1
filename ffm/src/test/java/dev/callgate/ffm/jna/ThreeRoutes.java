package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Callback;
import dev.callgate.CallGate;
import dev.callgate.CallbackRoute;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One body, called by the same native code through plain JNA (the reference), callgate's JNA
 * route and callgate's FFM route: what the body saw and what native code got back on each.
 */
final class ThreeRoutes {

    private ThreeRoutes() {}

    /** What one route did: the values the body saw and what native code got back. */
    record Outcome(List<Object> seen, List<Object> got) {
        /** The same outcome with what the body saw in a fixed order (for native callers on several threads). */
        Outcome inAnyOrder() {
            List<Object> sorted = new ArrayList<>(seen);
            sorted.sort(Comparator.comparing(String::valueOf));
            return new Outcome(sorted, got);
        }
    }

    /**
     * Runs {@code call(callback, onThread)} with plain JNA's callback, callgate's on the JNA route and
     * callgate's on the FFM route ({@code onThread} 0, then 1: the shapes library then calls on a new
     * pthread), asserts the three outcomes equal, and returns the FFM route's.
     *
     * @param body makes the body, which records what it sees in the list it is given
     */
    static <T extends Callback> Outcome outcomes(Class<T> type, Function<List<Object>, T> body,
            BiFunction<T, Integer, List<?>> call) {
        return outcomes(type, body, call, false);
    }

    /** {@link #outcomes}, for a body called on several native threads at once: in any order. */
    static <T extends Callback> Outcome outcomesInAnyOrder(Class<T> type, Function<List<Object>, T> body,
            BiFunction<T, Integer, List<?>> call) {
        return outcomes(type, body, call, true);
    }

    private static <T extends Callback> Outcome outcomes(Class<T> type, Function<List<Object>, T> body,
            BiFunction<T, Integer, List<?>> call, boolean anyOrder) {
        Outcome plain = run(null, type, body, call);
        Outcome jna = run(CallbackRoute.JNA, type, body, call);
        Outcome ffm = run(CallbackRoute.FFM, type, body, call);
        if (anyOrder) {
            plain = plain.inAnyOrder();
            jna = jna.inAnyOrder();
            ffm = ffm.inAnyOrder();
        }
        assertEquals(plain, jna, type.getSimpleName() + ": callgate's JNA route differs from plain JNA");
        assertEquals(plain, ffm, type.getSimpleName() + ": the FFM route differs from plain JNA");
        return ffm;
    }

    /** One route's outcome; {@code route} null is plain JNA, no callgate. */
    static <T extends Callback> Outcome run(CallbackRoute route, Class<T> type, Function<List<Object>, T> body,
            BiFunction<T, Integer, List<?>> call) {
        List<Object> seen = Collections.synchronizedList(new ArrayList<>());
        T made = body.apply(seen);
        List<Object> got = new ArrayList<>();
        if (route == null) {
            for (int onThread = 0; onThread <= 1; onThread++) {
                got.addAll(call.apply(made, onThread));
            }
            return new Outcome(new ArrayList<>(seen), got);
        }
        try (GatedCallback<T> gated = CallGate.builder(type, made).route(route).policy(Policy.ALLOW).build()) {
            assertEquals(route, gated.route(), gated.routeReason());
            for (int onThread = 0; onThread <= 1; onThread++) {
                got.addAll(call.apply(gated.callback(), onThread));
            }
            assertEquals(0, gated.stats().exceptions(), type.getSimpleName() + " threw on the " + route + " route");
        }
        return new Outcome(new ArrayList<>(seen), got);
    }
}
