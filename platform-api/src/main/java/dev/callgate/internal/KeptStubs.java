package dev.callgate.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Keeps an FFM stub's native code alive exactly as long as the callback object that stands for it:
 * the rule JNA applies to its own trampolines. JNA's proxies for native function pointers compare
 * by identity (their handler's), so a weak map finds each by the object itself.
 */
public final class KeptStubs {

    private static final Map<Object, Object[]> KEPT = Collections.synchronizedMap(new WeakHashMap<>());

    private KeptStubs() {}

    /** Holds {@code life} (which must not refer to {@code callback}) until {@code callback} is collected. */
    public static void keep(Object callback, Object... life) {
        KEPT.put(callback, life);
    }

    /** How many callbacks still keep a stub (tests). */
    static int size() {
        return KEPT.size();
    }
}
