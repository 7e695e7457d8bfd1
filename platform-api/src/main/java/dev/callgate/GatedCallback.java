package dev.callgate;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.CallbackMethod;
import dev.callgate.internal.Checks;
import dev.callgate.internal.ForeignThreadInitializer;
import dev.callgate.internal.GateSpec;
import dev.callgate.internal.JnaUpcalls;
import dev.callgate.internal.KeptStubs;
import dev.callgate.internal.OpenCallbacks;
import dev.callgate.internal.ReturnValues;
import dev.callgate.internal.UpcallRoute;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.OsBackend;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

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
 * holds the function pointer, even if the application keeps no reference. {@link #close()} is a
 * barrier: when it returns, no body of this callback is running on another thread and none will
 * start (called from inside a gated body, it leaves out bodies that are closing too; see
 * {@link #close()}); later calls from native code return the default value (the first one writes
 * {@code callgate: callback <name> called after close; ...}). So an application may free what the
 * body uses right after {@code close()}. JNA releases the trampoline's native memory only when the
 * callback object becomes unreachable: once the closed handle and every other reference to
 * {@link #callback()} are dropped and a garbage collection runs. Keep the handle for as long as
 * native code might still call the pointer.
 *
 * <p><b>Routes.</b> On JDK 22 and later, with callgate-ffm on the path and native access enabled
 * for it, {@link #callback()} is JNA's proxy for an FFM upcall stub ({@link CallbackRoute#FFM}):
 * JNA hands native code the stub's address, and a native call reaches the gate and the body
 * through method handles, with no libffi closure, reflection or boxing. Everywhere else, and for
 * callbacks the stub cannot convert as JNA does, it is a proxy that JNA's trampoline calls
 * ({@link CallbackRoute#JNA}). The gate and everything above holds on both; {@link #route()} and
 * {@link #routeReason()} say which was taken and why. On the FFM route the stub's native code lives
 * exactly as long as {@link #callback()} is reachable, as JNA's trampoline does on the JNA route,
 * and {@code CallbackReference.getCallback} on the stub's address returns {@link #callback()}.
 *
 * <p>Instances are thread-safe. Create them with {@link CallGate#wrap}, {@link CallGate#builder} or a
 * {@link CallbackGroup}. What every gated callback has, this and an FFM upcall alike, is
 * {@link GatedHandle}.
 *
 * @param <T> the JNA callback interface
 * @since 1.0
 */
public final class GatedCallback<T extends Callback> implements GatedHandle {

    /** The longest name {@link Builder#name(String)} takes, in characters. */
    public static final int MAX_NAME_LENGTH = Checks.MAX_NAME_LENGTH;

    private final T callback;
    private final CallbackGate gate;
    private final CallbackGroup group; // null outside a group
    private final UpcallRoute.Choice route;
    private GatedCallback(T callback, CallbackGate gate, CallbackGroup group, UpcallRoute.Choice route) {
        this.callback = callback;
        this.gate = gate;
        this.group = group;
        this.route = route;
    }

    /** The gated callback to hand to native code in place of the body. */
    public T callback() {
        return callback;
    }

    /** The name used in diagnostics. */
    @Override
    public String name() {
        return gate.name();
    }

    /** Which route native calls take to the gate: the FFM upcall stub or JNA's trampoline. */
    public CallbackRoute route() {
        return route.route();
    }

    /**
     * Why {@link #route()} was taken, in a few words: the signature the FFM stub converts, or what
     * kept this callback on JNA's route (the JDK, callgate-ffm missing, native access, a type the
     * stub does not convert, {@code -Dcallgate.route=jna}).
     */
    public String routeReason() {
        return route.reason();
    }

    /** The policy for calls on foreign threads. */
    @Override
    public Policy policy() {
        return gate.policy();
    }

    /** The attachment behaviour for foreign threads. */
    public Attachment attachment() {
        return gate.attachment();
    }

    /** Whether {@link #close()} has not been called yet. */
    @Override
    public boolean isOpen() {
        return gate.isOpen();
    }

    /** What this callback's gate has counted so far. */
    @Override
    public CallbackStats stats() {
        return gate.stats();
    }

    /**
     * Stops running the body and waits until no call of it is running on another thread. Later
     * calls from native code return the default value (the first one writes a diagnostic). A
     * member of a {@link CallbackGroup} leaves it.
     *
     * <p><b>From inside a body.</b> Called from inside a gated body (this callback's, another's,
     * directly or through native code that calls back), it does not wait for the calling thread's
     * own bodies, nor for bodies on threads that are themselves inside a {@code close()} at that
     * moment: so any number of bodies may close their own callback, each other's, or their group
     * at once, and none deadlocks. The calling body finishes normally after {@code close()}
     * returns. Called from a thread that runs no gated body (the application closing from
     * outside), it waits for every body, closing ones included: that is the barrier.
     *
     * <p><b>Bounded.</b> A body that never returns (blocked, or stuck in native code) makes this
     * wait for ever: use {@link #close(Duration)} to bound it. Once a {@code close(Duration)} has
     * given up, {@code close()} (as try-with-resources calls it after an explicit bounded close)
     * waits at most that same Duration again, and returns at once if the body has returned since.
     *
     * <p>Releases callgate's own strong reference; see the class documentation for when JNA frees
     * the native trampoline. Idempotent.
     */
    @Override
    public void close() {
        gate.close();
        left();
    }

    /**
     * {@link #close()}, waiting at most {@code timeout} for running calls. The callback is closed
     * whatever the outcome; only the wait is bounded. Zero or a negative Duration does not wait: it
     * closes, looks once, and returns whether any call still ran. A Duration too long for a
     * {@code long} of nanoseconds (about 292 years) waits as {@link #close()} does.
     *
     * @param timeout the longest wait
     * @return true when no call is running any more on another thread; false when some still ran
     *     at the deadline (one diagnostic line says how many). Later calls are not run either way.
     * @throws NullPointerException if {@code timeout} is null; the callback then stays open
     */
    @Override
    public boolean close(Duration timeout) {
        boolean quiet = gate.close(Checks.timeoutNanos(timeout));
        left();
        return quiet;
    }

    private void left() {
        if (group != null) {
            group.left(this);
        }
    }

    CallbackGate gate() {
        return gate;
    }

    @Override
    public String toString() {
        return "GatedCallback[" + gate.name() + ", " + gate.policy() + (gate.isOpen() ? "]" : ", closed]");
    }

    /**
     * Configures a gated callback. Obtain one from {@link CallGate#builder(Class, Callback)} or
     * {@link CallbackGroup#builder(Class, Callback)}.
     *
     * @param <T> the JNA callback interface
     * @since 1.0
     */
    public static final class Builder<T extends Callback> {
        private final Class<T> type;
        private final T body;
        private final Method method;
        private final CallbackGroup group;
        private String name;
        private Policy policy = Policy.WARN_ONCE;
        private Attachment attachment = Attachment.KEEP_ATTACHED;
        private ExceptionReporting exceptionReporting = ExceptionReporting.ONCE_PER_CLASS;
        private CallbackThreadInitializer threadInitializer;
        private Object defaultValue;
        private boolean defaultValueSet;
        private CallbackRoute preferredRoute = CallbackRoute.FFM;
        private OsBackend backend;
        private DiagnosticWriter diagnostics;

        Builder(Class<T> type, T body, CallbackGroup group) {
            Checks.given(type, "type");
            Checks.given(body, "body");
            if (!type.isInterface()) {
                throw new IllegalArgumentException(type.getName() + " is a class; callgate gates callback interfaces."
                        + " Declare an interface that extends com.sun.jna.Callback and pass it as the type");
            }
            if (!type.isInstance(body)) {
                throw new IllegalArgumentException(body.getClass().getName() + " does not implement " + type.getName());
            }
            this.type = type;
            this.body = body;
            this.method = CallbackMethod.of(type);
            this.group = group;
            this.name = type.getSimpleName();
        }

        /**
         * The name in diagnostics; by default the interface's simple name (in a group, prefixed
         * with the group's name and a slash).
         *
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if blank or longer than {@value GatedCallback#MAX_NAME_LENGTH} characters
         */
        public Builder<T> name(String name) {
            this.name = Checks.name(name, "callback", type.getSimpleName());
            return this;
        }

        /**
         * The policy for calls on foreign threads; {@link Policy#WARN_ONCE} by default.
         *
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder<T> policy(Policy policy) {
            this.policy = Checks.given(policy, "policy");
            return this;
        }

        /**
         * How foreign threads stay attached; {@link Attachment#KEEP_ATTACHED} by default.
         *
         * @throws NullPointerException if {@code attachment} is null
         */
        public Builder<T> attachment(Attachment attachment) {
            this.attachment = Checks.given(attachment, "attachment");
            return this;
        }

        /**
         * How often exceptions from the body are written; {@link ExceptionReporting#ONCE_PER_CLASS} by default.
         *
         * @throws NullPointerException if {@code reporting} is null
         */
        public Builder<T> exceptionReporting(ExceptionReporting reporting) {
            this.exceptionReporting = Checks.given(reporting, "reporting");
            return this;
        }

        /**
         * The application's own JNA thread initializer, whose {@code getName} and
         * {@code getThreadGroup} name the foreign threads attached for this callback (JNA keeps one
         * initializer per callback, and callgate registers its own on the gated proxy). Whether a
         * thread is a daemon and stays attached is still callgate's: always a daemon, attached as
         * {@link #attachment(Attachment)} says. On the {@link CallbackRoute#FFM FFM route} the JDK
         * attaches foreign threads itself and only the name is applied; an initializer that detaches,
         * makes non-daemon threads or names a thread group keeps the callback on JNA's route.
         *
         * @throws NullPointerException if {@code initializer} is null
         */
        public Builder<T> threadInitializer(CallbackThreadInitializer initializer) {
            this.threadInitializer = Checks.given(initializer, "initializer");
            return this;
        }

        /**
         * The value returned to native code when the body does not run (rejected, threw, closed,
         * shutdown). By default zero, {@code false} or null, as the return type demands. Checked
         * against the callback method's return type when {@link #build()} runs. A JNA
         * {@link com.sun.jna.Structure} (by value or by reference) is written to its native memory
         * ({@code write()}) each time it is handed back, so native code sees its fields as they
         * are then, later changes included; one instance serves every call, so change its fields
         * only while no call can be returning it.
         */
        public Builder<T> defaultValue(Object value) {
            this.defaultValue = value;
            this.defaultValueSet = true;
            return this;
        }

        /**
         * {@link CallbackRoute#JNA} keeps this callback on JNA's route even where the FFM route could
         * be taken (as {@code -Dcallgate.route=jna} does for every callback);
         * {@link CallbackRoute#FFM}, the default, takes the FFM route wherever it can be taken.
         *
         * @throws NullPointerException if {@code route} is null
         */
        public Builder<T> route(CallbackRoute route) {
            this.preferredRoute = Checks.given(route, "route");
            return this;
        }

        /** Tests: use this backend instead of the one selected for this JVM. */
        Builder<T> backend(OsBackend backend) {
            this.backend = Checks.given(backend, "backend");
            return this;
        }

        /** Tests and tools: write diagnostics here instead of the backend's standard error. */
        Builder<T> diagnostics(DiagnosticWriter writer) {
            this.diagnostics = Checks.given(writer, "writer");
            return this;
        }

        /**
         * Creates the gated callback and registers its thread initializer with JNA.
         *
         * @throws IllegalArgumentException if the default value does not fit the return type, or a
         *     {@code callgate.*} system property has a bad value or an unknown key (checked at the
         *     first build; the message names the property, the value, what is accepted and the fix;
         *     thrown by every build until it is fixed)
         * @throws IllegalStateException if no OS backend can be selected ({@code -Dcallgate.os} names
         *     no provider, or no OS module serves this JVM with {@code -Dcallgate.requireOsModule=true};
         *     without it, callgate gates through its Java fallback), or the builder's group is closed
         *     (build a new group)
         */
        public GatedCallback<T> build() {
            GateSpec spec = GateSpec.named(group == null ? name : group.memberName(name)) // settings checked first
                    .policy(policy).attachment(attachment).exceptionReporting(exceptionReporting)
                    .backend(backend).diagnostics(diagnostics);
            Class<?> returnType = method.getReturnType();
            Object fallback = defaultValueSet
                    ? ReturnValues.checked(name, returnType, defaultValue)
                    : ReturnValues.zeroFor(returnType);
            spec.fallbackText(ReturnValues.text(returnType, fallback));
            OsBackend os = spec.backend();
            // What the application's initializer is asked about, held weakly: the gate must not keep
            // the callback (and with it the stub) alive.
            AtomicReference<WeakReference<T>> made = new AtomicReference<>(new WeakReference<>(null));
            UpcallRoute.Choice route = UpcallRoute.chooseForProxy(type, method, attachment, threadInitializer, body,
                    preferredRoute);
            CallbackThreadInitializer naming = threadInitializer;
            if (route.route() == CallbackRoute.FFM) {
                spec.jvmEntry(backend -> route.upcalls().jvmEntry(type.getClassLoader(), backend,
                        naming == null ? () -> null : () -> naming.getName(made.get().get())));
            }
            CallbackGate core = spec.gate();
            if (route.worthALine()) {
                core.routeRefused(route.reason());
            }
            T proxy = route.route() == CallbackRoute.FFM
                    ? upcallProxy(route.upcalls(), core, fallback)
                    : gatedProxy(core, fallback, os);
            made.set(new WeakReference<>(proxy));
            GatedCallback<T> handle = new GatedCallback<>(proxy, core, group, route);
            OpenCallbacks.opened(core, handle, proxy);
            if (group != null) {
                group.join(handle, proxy); // last, while no one else has the proxy: a closed group refuses it
            }
            return handle;
        }

        /** JNA's route: a proxy whose every call JNA's trampoline makes lands in {@link Gate}. */
        private T gatedProxy(CallbackGate core, Object fallback, OsBackend os) {
            T proxy = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    new Gate(core, body, method, fallback)));
            Native.setCallbackThreadInitializer(proxy, new ForeignThreadInitializer(os, attachment, threadInitializer));
            return proxy;
        }

        /**
         * The FFM route: JNA's own proxy for the stub's address, which JNA hands to native code as
         * it is. The stub lives as long as that proxy, which JNA also maps the address back to.
         */
        private T upcallProxy(JnaUpcalls upcalls, CallbackGate core, Object fallback) {
            JnaUpcalls.Stub stub = upcalls.stub(new JnaUpcalls.StubRequest(core, method, type, body, true, fallback,
                    null));
            Pointer address = new Pointer(stub.address()); // JNA's key for the address: kept with the stub
            T proxy = type.cast(CallbackReference.getCallback(type, address));
            KeptStubs.keep(proxy, stub, address);
            return proxy;
        }
    }
}
