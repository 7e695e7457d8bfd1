package dev.callgate.agent;

import dev.callgate.internal.CallbackGate;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gate per JNA callback object, found by the object's identity. The callback is held weakly,
 * and the gate holds no reference to it, so the agent never changes when JNA frees a callback's
 * trampoline: that stays the application's business, as it is without the agent.
 */
final class GateRegistry {

    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static final ConcurrentHashMap<Key, CallbackGate> GATES = new ConcurrentHashMap<>();

    private GateRegistry() {}

    /** One reusable lookup key per thread: {@link #find} runs on every native call of every JNA callback. */
    private static final ThreadLocal<Probe> PROBES = ThreadLocal.withInitial(Probe::new);

    /** The gate of {@code callback}, or null when it has none (not converted since the agent came, or not selected). */
    static CallbackGate find(Object callback) {
        Probe probe = PROBES.get();
        probe.callback = callback;
        try {
            return GATES.get(probe);
        } finally {
            probe.callback = null; // hold no callback between calls
        }
    }

    /** Adds {@code gate} unless {@code callback} already has one; returns the one that won. */
    static CallbackGate putIfAbsent(Object callback, CallbackGate gate) {
        expunge();
        CallbackGate earlier = GATES.putIfAbsent(new Held(callback), gate);
        return earlier != null ? earlier : gate;
    }

    private static void expunge() {
        Object gone;
        while ((gone = COLLECTED.poll()) != null) {
            GATES.remove(gone);
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
