package dev.callgate.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one bracket around a reflective call of a callback body, for every front end that runs the
 * body with {@link Method#invoke}: the library API's JNA proxy ({@code dev.callgate.Gate}) and the
 * java agent's hook in JNA's dispatch. (An FFM stub brackets its method handle the same way, in
 * callgate-ffm's {@code UpcallGate}.)
 *
 * <pre>{@code
 * Entry e = gate.enter();
 * if (e == null) return fallback;            // closed, shutting down, rejected: the body does not run
 * try { return method.invoke(target, args); }
 * catch (Throwable t) { gate.contain(what the body threw); alsoTell; return fallback; }
 * finally { gate.exit(e); }
 * }</pre>
 *
 * <p>What the body threw is the target of the {@link InvocationTargetException} (the reflective
 * wrapper itself only when it has none); anything {@code invoke} throws itself (a wrong argument,
 * say) is contained too, so nothing reaches native code. A {@link com.sun.jna.Structure} fallback
 * is written to its native memory on each return ({@link ReturnValues#forNative}). Never throws
 * unless the gate itself fails ({@link CallbackGate#enter()} under {@code ABORT} does not return).
 */
public final class BodyBracket {

    private final CallbackGate gate;
    private final Function<Method, Object> fallback;
    private final BiConsumer<Object, Throwable> alsoTell;

    /**
     * @param fallback what native code gets when the body does not run, for the method called
     * @param alsoTell called with the target and what it threw, after the gate's line (the agent:
     *     the application's JNA callback exception handler); or null
     */
    public BodyBracket(CallbackGate gate, Function<Method, Object> fallback, BiConsumer<Object, Throwable> alsoTell) {
        this.gate = gate;
        this.fallback = fallback;
        this.alsoTell = alsoTell;
    }

    /** A bracket that hands native code {@code fallback} whichever method is called, and tells no one else. */
    public static BodyBracket returning(CallbackGate gate, Object fallback) {
        return new BodyBracket(gate, called -> fallback, null);
    }

    /** The gate in front of the body. */
    public CallbackGate gate() {
        return gate;
    }

    /** Runs {@code method} on {@code target} behind the gate; the fallback when it does not run or throws. */
    public Object call(Method method, Object target, Object[] args) {
        CallbackGate.Entry entry = gate.enter();
        if (entry == null) {
            return fallback(method);
        }
        try {
            return method.invoke(target, args);
        } catch (Throwable t) { // whatever the body throws stays on this side of the native boundary
            Throwable thrown = bodyThrew(t);
            gate.contain(thrown);
            if (alsoTell != null) {
                alsoTell.accept(target, thrown);
            }
            return fallback(method);
        } finally {
            gate.exit(entry);
        }
    }

    /** What the body threw: the reflective wrapper's target, or the wrapper when it has none. */
    static Throwable bodyThrew(Throwable caught) {
        if (caught instanceof InvocationTargetException) {
            Throwable target = ((InvocationTargetException) caught).getTargetException();
            return target != null ? target : caught;
        }
        return caught;
    }

    private Object fallback(Method called) {
        return ReturnValues.forNative(fallback.apply(called));
    }
}
