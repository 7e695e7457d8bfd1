package dev.callgate.agent;

import com.sun.jna.Pointer;
import dev.callgate.internal.BodyBracket;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.JnaUpcalls;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gate per JNA callback object, found by the object's identity. The callback is held weakly,
 * and the gate holds no reference to it, so the agent never changes when JNA frees a callback's
 * trampoline: that stays the application's business, as it is without the agent. A callback on
 * the FFM route also has its upcall stub here, which lives exactly as long as the entry: until the
 * callback is collected (JNA's rule for its trampolines), then the next registration drops it.
 */
final class GateRegistry {

    /**
     * What the agent made for one callback.
     *
     * @param bracket the gate, and how JNA's dispatch runs the body behind it
     * @param stub the FFM upcall stub native code calls, or null on JNA's route
     * @param address the stub's address, as {@code getFunctionPointer} returns it; null on JNA's route
     */
    record Gated(BodyBracket bracket, JnaUpcalls.Stub stub, Pointer address) {
        static Gated jnaRoute(BodyBracket bracket) {
            return new Gated(bracket, null, null);
        }

        /** The callback's gate. */
        CallbackGate gate() {
            return bracket.gate();
        }
    }

    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static final ConcurrentHashMap<Key, Gated> GATES = new ConcurrentHashMap<>();
    /** Stub addresses to their callbacks, for {@code CallbackReference.getCallback}. */
    private static final ConcurrentHashMap<Long, Held> STUBS = new ConcurrentHashMap<>();

    private GateRegistry() {}

    /** One reusable lookup key per thread: {@link #find} runs on every native call of every JNA callback. */
    private static final ThreadLocal<Probe> PROBES = ThreadLocal.withInitial(Probe::new);

    /** What {@code callback} has, or null when it has none (not converted since the agent came, or not selected). */
    static Gated find(Object callback) {
        Probe probe = PROBES.get();
        probe.callback = callback;
        try {
            return GATES.get(probe);
        } finally {
            probe.callback = null; // hold no callback between calls
        }
    }

    /** The callback whose stub is at {@code address}, or null (no stub there, or its callback is gone). */
    static Object atStub(long address) {
        Held held = STUBS.get(address);
        return held == null ? null : held.get();
    }

    /** Adds {@code gated} unless {@code callback} already has an entry; returns the one that won. */
    static Gated putIfAbsent(Object callback, Gated gated) {
        expunge();
        Held key = new Held(callback);
        Gated earlier = GATES.putIfAbsent(key, gated);
        if (earlier != null) {
            return earlier;
        }
        if (gated.address() != null) {
            STUBS.put(Pointer.nativeValue(gated.address()), key);
        }
        return gated;
    }

    /** How many callbacks have an entry (tests: entries of collected callbacks go). */
    static int size() {
        expunge();
        return GATES.size();
    }

    private static void expunge() {
        Object gone;
        while ((gone = COLLECTED.poll()) != null) {
            Gated dropped = GATES.remove(gone);
            if (dropped != null && dropped.address() != null) {
                STUBS.remove(Pointer.nativeValue(dropped.address()), gone); // a new stub at a reused address stays
            }
        }
    }

    /** Keys compare by the identity of the callback they stand for. */
    private interface Key {
        Object callback();
    }

    private static boolean same(Key key, Object other) {
        if (key == other) {
            return true;
        }
        if (!(other instanceof Key)) {
            return false;
        }
        Object mine = key.callback();
        return mine != null && mine == ((Key) other).callback();
    }

    private static final class Held extends WeakReference<Object> implements Key {
        private final int hash;

        Held(Object callback) {
            super(callback, COLLECTED);
            this.hash = System.identityHashCode(callback);
        }

        @Override
        public Object callback() {
            return get();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return same(this, other);
        }
    }

    /** A key for lookups only, never stored in the map. */
    private static final class Probe implements Key {
        Object callback;

        @Override
        public Object callback() {
            return callback;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(callback);
        }

        @Override
        public boolean equals(Object other) {
            return same(this, other);
        }
    }
}
