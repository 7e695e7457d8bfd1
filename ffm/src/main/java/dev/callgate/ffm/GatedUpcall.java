package dev.callgate.ffm;

import dev.callgate.CallbackStats;
import dev.callgate.ExceptionReporting;
import dev.callgate.GatedHandle;
import dev.callgate.Policy;
import dev.callgate.ffm.internal.FfmThreadOrigin;
import dev.callgate.ffm.internal.UpcallGate;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.Checks;
import dev.callgate.internal.GateSpec;
import dev.callgate.internal.OpenCallbacks;
import dev.callgate.spi.DiagnosticWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An FFM upcall stub behind the gate, and the handle that owns it.
 *
 * <p>Pass {@link #stub()} to native code where a bare upcall stub would go. Every native call then
 * passes the gate: a call on a thread the JVM did not create is diagnosed and handled by the
 * {@link Policy}; an exception thrown by the target is written as one diagnostic line and never
 * reaches the stub (where it would end the VM), and native code gets the default value instead.
 *
 * <p><b>Lifecycle.</b> {@link #close()} is a barrier: when it returns, no call of the target is
 * running on another thread and none will start; later calls from native code return the default
 * value (the first one writes {@code callgate: callback <name> called after close; ...}). So an
 * application may free what the target uses right after {@code close()}. Called from inside the
 * target (directly or through native code that calls back), it waits for the other threads only.
 *
 * <p><b>The stub's memory</b> is not freed by {@code close()}: native code may still hold the
 * pointer and call it, and then it gets the default value. The stub lives in an arena this handle
 * owns, freed either by {@link #release()} (after {@code close()}, once native code can no longer
 * call the pointer: the pool was freed, the callback unregistered) or, as with
 * {@link Arena#ofAuto()}, once this handle and every {@link #stub()} segment are unreachable and
 * collected. Keep the handle, or the segment, as long as native code may call the pointer; after
 * {@code release()}, a native call of the pointer crashes the process. While open, callgate
 * itself holds the handle strongly.
 *
 * <p>Instances are thread-safe. Create them with {@link FfmCallGate#builder}. A
 * {@link dev.callgate.CallbackGroup} holds them with JNA callbacks ({@code group.add(upcall)}), and
 * closes them with its members as one barrier.
 *
 * @since 1.0
 */
public final class GatedUpcall implements GatedHandle {

    /** The longest name {@link Builder#name(String)} takes, in characters. */
    public static final int MAX_NAME_LENGTH = Checks.MAX_NAME_LENGTH;

    private final CallbackGate gate;
    private final MemorySegment stub;
    private final StubMemory memory;
    private final Arena life; // Arena.ofAuto(): the stub segment's scope; holding it keeps the stub

    private GatedUpcall(CallbackGate gate, MemorySegment stub, StubMemory memory, Arena life) {
        this.gate = gate;
        this.stub = stub;
        this.memory = memory;
        this.life = life;
    }

    /**
     * The function pointer to hand to native code (a zero-length segment).
     *
     * @throws IllegalStateException after {@link #release()}
     */
    public MemorySegment stub() {
        if (memory.freed.get()) {
            throw new IllegalStateException("the stub of upcall " + gate.name()
                    + " was released; build a new GatedUpcall for native code that should call Java again");
        }
        return stub;
    }

    /** The name used in diagnostics. */
    @Override
    public String name() {
        return gate.name();
    }

    /** The policy for calls on foreign threads. */
    @Override
    public Policy policy() {
        return gate.policy();
    }

    /** Whether {@link #close()} has not been called yet. */
    @Override
    public boolean isOpen() {
        return gate.isOpen();
    }

    /** Whether {@link #release()} freed the stub. */
    public boolean isReleased() {
        return memory.freed.get();
    }

    /** What this upcall's gate has counted so far. */
    @Override
    public CallbackStats stats() {
        return gate.stats();
    }

    /**
     * Stops running the target and waits until no call of it is running on another thread. Later
     * calls from native code return the default value (the first one writes a diagnostic). The
     * stub stays callable; see {@link #release()}. Called from inside a gated body, it waits
     * neither for the caller's own calls nor for calls on threads that are closing too, so bodies
     * that close at once never deadlock (the rule of {@code dev.callgate.GatedCallback#close()}).
     * A target that never returns makes this wait for ever: use {@link #close(Duration)} to bound
     * it; once that has given up, {@code close()} waits at most that same Duration again.
     * Idempotent.
     */
    @Override
    public void close() {
        gate.close();
    }

    /**
     * {@link #close()}, waiting at most {@code timeout} for running calls. The upcall is closed
     * whatever the outcome; only the wait is bounded. Zero or a negative Duration does not wait:
     * it closes, looks once, and returns whether any call still ran. A Duration too long for a
     * {@code long} of nanoseconds waits as {@link #close()} does.
     *
     * @param timeout the longest wait
     * @return true when no call is running any more on another thread; false when some still ran
     *     at the deadline (one diagnostic line says how many). Later calls are not run either way.
     * @throws NullPointerException if {@code timeout} is null; the upcall then stays open
     */
    @Override
    public boolean close(Duration timeout) {
        return gate.close(Checks.timeoutNanos(timeout));
    }

    /**
     * Frees the stub's native memory now. Only once native code can no longer call the pointer: a
     * call after this crashes the process. Idempotent.
     *
     * @throws IllegalStateException if the handle is still open ({@link #close()} first), or a
     *     call is still inside the stub (a {@link #close(Duration)} that gave up, or a call from
     *     this very target): freeing the code it runs would crash the process. Wait until
     *     {@code close(Duration)} returns true, then release.
     */
    public void release() {
        if (gate.isOpen()) {
            throw new IllegalStateException("upcall " + gate.name() + " is still open: close() it first (a barrier for"
                    + " running calls), then release() once native code can no longer call its stub");
        }
        long inside = gate.callsInside();
        if (inside > 0 && !memory.freed.get()) {
            throw new IllegalStateException("upcall " + gate.name() + " still has " + inside + " call(s) inside its stub;"
                    + " freeing it now would crash the process. Wait until close(Duration) returns true (the calls"
                    + " returned), then release()");
        }
        memory.free();
    }

    @Override
    public String toString() {
        return "GatedUpcall[" + gate.name() + ", " + gate.policy() + (gate.isOpen() ? "" : ", closed")
                + (memory.freed.get() ? ", released]" : "]");
    }

    /** The shared arena that holds the upcall stub; freed once, explicitly or when the segment is collected. */
    private static final class StubMemory implements Consumer<MemorySegment> {
        final Arena arena = Arena.ofShared();
        final AtomicBoolean freed = new AtomicBoolean();

        void free() {
            if (freed.compareAndSet(false, true)) {
                arena.close();
            }
        }

        @Override
        public void accept(MemorySegment collected) { // on the cleaner thread: must not throw
            try {
                free();
            } catch (Throwable ignored) {
                // nothing left to tell
            }
        }
    }

    /**
     * Configures a gated upcall. Obtain one from {@link FfmCallGate#builder}.
     *
     * @since 1.0
     */
    public static final class Builder {
        private final MethodHandle target;
        private final FunctionDescriptor descriptor;
        private final ClassLoader callerLoader;
        private String name = "upcall";
        private Policy policy = Policy.WARN_ONCE;
        private ExceptionReporting exceptionReporting = ExceptionReporting.ONCE_PER_CLASS;
        private Object defaultValue;
        private boolean defaultValueSet;
        private DiagnosticWriter diagnostics;

        Builder(MethodHandle target, FunctionDescriptor descriptor, ClassLoader callerLoader) {
            this.target = Checks.given(target, "target");
            this.descriptor = Checks.given(descriptor, "descriptor");
            this.callerLoader = callerLoader;
        }

        /**
         * The name in diagnostics; {@code upcall} by default.
         *
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if blank or longer than {@value GatedUpcall#MAX_NAME_LENGTH} characters
         */
        public Builder name(String name) {
            this.name = Checks.name(name, "upcall", "\"upcall\"");
            return this;
        }

        /**
         * The policy for calls on foreign threads; {@link Policy#WARN_ONCE} by default.
         *
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder policy(Policy policy) {
            this.policy = Checks.given(policy, "policy");
            return this;
        }

        /**
         * How often exceptions from the target are written; {@link ExceptionReporting#ONCE_PER_CLASS} by default.
         *
         * @throws NullPointerException if {@code reporting} is null
         */
        public Builder exceptionReporting(ExceptionReporting reporting) {
            this.exceptionReporting = Checks.given(reporting, "reporting");
            return this;
        }

        /**
         * The value returned to native code when the target does not run (rejected, threw, closed,
         * shutdown). By default zero, {@code false}, {@link MemorySegment#NULL}, or a zeroed struct.
         * Checked against the descriptor's return layout when {@link #build()} runs: a boxed
         * primitive whose value fits (an {@code Integer} for {@code long} is widened), a native
         * {@link MemorySegment} for a pointer, a segment at least the struct's size for a struct
         * (copied by {@code build()}, so its arena may close afterwards).
         */
        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            this.defaultValueSet = true;
            return this;
        }

        /** Tests and benchmarks: write diagnostics here instead of the backend's standard error. */
        Builder diagnostics(DiagnosticWriter writer) {
            this.diagnostics = Checks.given(writer, "writer");
            return this;
        }

        /**
         * Makes the gated upcall stub. The first build in a JVM also checks the foreign-thread rule
         * once (one short-lived {@code pthread_create}d thread).
         *
         * @throws IllegalArgumentException if the target's type does not match the descriptor, or the
         *     default value does not fit the return type, or {@code -Dcallgate.exitGuard} has a value
         *     other than those docs/lifecycle.md documents (auto, always, off)
         * @throws IllegalStateException if no OS backend can be selected
         */
        public GatedUpcall build() {
            if (!target.type().equals(descriptor.toMethodType())) {
                throw new IllegalArgumentException("upcall " + name + ": the target's type " + target.type()
                        + " does not match the descriptor's " + descriptor.toMethodType() + " (" + descriptor
                        + "); fix the descriptor, or adapt the target with target.asType(descriptor.toMethodType())");
            }
            Object fallback = UpcallDefaults.fallback(name, descriptor, defaultValueSet, defaultValue);
            CallbackGate core = GateSpec.named(name).policy(policy).exceptionReporting(exceptionReporting)
                    .fallbackText(UpcallDefaults.describe(descriptor, fallback)).diagnostics(diagnostics)
                    .jvmEntry(os -> FfmThreadOrigin.jvmEntry(callerLoader, os)) // FFM attaches foreign threads, kept attached
                    .gate();
            MethodHandle gated = UpcallGate.wrap(core, target, descriptor, fallback);
            StubMemory memory = new StubMemory();
            MemorySegment raw = Linker.nativeLinker().upcallStub(gated, descriptor, memory.arena);
            Arena life = Arena.ofAuto();
            // The same address, scoped to an automatic arena: once it and this handle are collected,
            // the cleanup frees the shared arena that holds the stub.
            MemorySegment stub = raw.reinterpret(life, memory);
            GatedUpcall handle = new GatedUpcall(core, stub, memory, life);
            OpenCallbacks.opened(core, handle, stub.scope());
            return handle;
        }

    }
}
