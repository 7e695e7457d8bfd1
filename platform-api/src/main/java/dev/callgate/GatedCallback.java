package dev.callgate;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.OsBackend;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * A JNA callback behind the gate, and the handle that owns it.
 *
 * <p>Pass {@link #callback()} to native code where the bare callback would go. Every native call
 * then passes the gate: a call on a thread the JVM did not create is diagnosed and handled by the
 * {@link Policy}; an exception thrown by the body is written as one diagnostic line and never
 * reaches native code, which gets the default value instead.
 *
 * <p><b>Lifecycle.</b> While open, callgate holds a strong reference to the callback, so the
 * garbage collector cannot free it (and JNA's native trampoline with it) while native code still
 * holds the function pointer, even if the application keeps no reference. After {@link #close()}
 * a call from native code neither runs the body nor crashes: the first such call writes
 * {@code callgate: callback <name> called after close}, and every one returns the default value.
 * JNA releases the trampoline's native memory only when the callback object becomes unreachable:
 * that is, once the closed handle (which still refers to the callback) and every other reference
 * to {@link #callback()} are dropped and a garbage collection runs. Keep the handle for as long as
 * native code might still call the pointer.
 *
 * <p>Instances are thread-safe. Create them with {@link CallGate#wrap} or {@link CallGate#builder}.
 *
 * @param <T> the JNA callback interface
 */
public final class GatedCallback<T extends Callback> implements AutoCloseable {

    private final T callback;
    private final Gate gate;

    private GatedCallback(T callback, Gate gate) {
        this.callback = callback;
        this.gate = gate;
    }

    /** The gated callback to hand to native code in place of the body. */
    public T callback() {
        return callback;
    }

    /** The name used in diagnostics. */
    public String name() {
        return gate.name;
    }

    /** The policy for calls on foreign threads. */
    public Policy policy() {
        return gate.policy;
    }

    /** The attachment behaviour for foreign threads. */
    public Attachment attachment() {
        return gate.attachment;
    }

    /** Whether {@link #close()} has not been called yet. */
    public boolean isOpen() {
        return !gate.closed;
    }

    /** What this callback's gate has counted so far. */
    public CallbackStats stats() {
        return gate.counters.snapshot();
    }

    /**
     * Stops running the body: later calls from native code return the default value (the first one
     * writes a diagnostic). Releases callgate's own strong reference; see the class documentation
     * for when JNA frees the native trampoline. Idempotent.
     */
    @Override
    public void close() {
        gate.closed = true;
        StatsRegistry.closed(this);
    }

    @Override
    public String toString() {
        return "GatedCallback[" + gate.name + ", " + gate.policy + (gate.closed ? ", closed]" : "]");
    }

    /**
     * Configures a gated callback. Obtain one from {@link CallGate#builder(Class, Callback)}.
     *
     * @param <T> the JNA callback interface
     */
    public static final class Builder<T extends Callback> {
        private final Class<T> type;
        private final T body;
        private final Method method;
        private String name;
        private Policy policy = Policy.WARN_ONCE;
        private Attachment attachment = Attachment.KEEP_ATTACHED;
        private Object defaultValue;
        private boolean defaultValueSet;
        private OsBackend backend;
        private DiagnosticWriter diagnostics;

        Builder(Class<T> type, T body) {
            if (type == null || body == null) {
                throw new IllegalArgumentException("callgate needs the callback interface and its implementation; got type="
                        + type + ", body=" + body);
            }
            if (!type.isInterface()) {
                throw new IllegalArgumentException(type.getName() + " is a class; callgate gates callback interfaces."
                        + " Declare an interface that extends com.sun.jna.Callback and pass it as the type");
            }
            if (!type.isInstance(body)) {
                throw new IllegalArgumentException(body.getClass().getName() + " does not implement " + type.getName());
            }
            this.type = type;
            this.body = body;
            this.method = callbackMethod(type);
            this.name = type.getSimpleName();
        }

        /** The name in diagnostics; by default the interface's simple name. */
        public Builder<T> name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a callback name must not be blank; omit name(...) to use "
                        + type.getSimpleName());
            }
            this.name = name.strip();
            return this;
        }

        /** The policy for calls on foreign threads; {@link Policy#WARN_ONCE} by default. */
        public Builder<T> policy(Policy policy) {
            this.policy = require(policy, "policy");
            return this;
        }

        /** How foreign threads stay attached; {@link Attachment#KEEP_ATTACHED} by default. */
        public Builder<T> attachment(Attachment attachment) {
            this.attachment = require(attachment, "attachment");
            return this;
        }

        /**
         * The value returned to native code when the body does not run (rejected, threw, closed,
         * shutdown). By default zero, {@code false} or null, as the return type demands. Checked
         * against the callback method's return type when {@link #build()} runs.
         */
        public Builder<T> defaultValue(Object value) {
            this.defaultValue = value;
            this.defaultValueSet = true;
            return this;
        }

        /** Use this backend instead of the one selected for this JVM (tests, the Plan 9 simulator). */
        public Builder<T> backend(OsBackend backend) {
            this.backend = require(backend, "backend");
            return this;
        }

        /** Write diagnostics here instead of the backend's standard error. */
        public Builder<T> diagnostics(DiagnosticWriter writer) {
            this.diagnostics = require(writer, "diagnostics writer");
            return this;
        }

        /**
         * Creates the gated callback and registers its thread initializer with JNA.
         *
         * @throws IllegalArgumentException if the default value does not fit the return type
         * @throws IllegalStateException if no OS backend can be selected
         */
        public GatedCallback<T> build() {
            Object fallback = defaultValueSet
                    ? ReturnValues.checked(name, method.getReturnType(), defaultValue)
                    : ReturnValues.zeroFor(method.getReturnType());
            OsBackend os = backend != null ? backend : CallGate.selection().backend();
            DiagnosticWriter writer = diagnostics != null ? diagnostics
                    : backend != null ? os.stderr() : CallGate.stderr();
            ShutdownWatch.install();
            Gate gate = new Gate(name, policy, attachment, body, method, fallback, os, writer);
            T proxy = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, gate));
            Native.setCallbackThreadInitializer(proxy, new ForeignThreadInitializer(os, attachment));
            GatedCallback<T> handle = new GatedCallback<>(proxy, gate);
            StatsRegistry.opened(handle, gate.counters);
            return handle;
        }

        private static <V> V require(V value, String what) {
            if (value == null) {
                throw new IllegalArgumentException(what + " must not be null");
            }
            return value;
        }

        /** The method JNA will call: the single method of the interface, else the one named "callback". */
        private static Method callbackMethod(Class<?> type) {
            List<Method> candidates = new ArrayList<>();
            for (Method m : type.getMethods()) {
                if (Modifier.isAbstract(m.getModifiers())) {
                    candidates.add(m);
                }
            }
            Method chosen = null;
            if (candidates.size() == 1) {
                chosen = candidates.get(0);
            } else {
                for (Method m : candidates) {
                    if (m.getName().equals("callback")) {
                        chosen = m;
                    }
                }
            }
            if (chosen == null) {
                throw new IllegalArgumentException(type.getName() + " has " + candidates.size()
                        + " abstract methods; a JNA callback interface needs exactly one, or one named \"callback\"");
            }
            try {
                chosen.setAccessible(true); // callback interfaces are often package-private
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("callgate cannot call " + chosen + ": " + e.getMessage()
                        + ". Open its package to module dev.callgate", e);
            }
            return chosen;
        }
    }
}
