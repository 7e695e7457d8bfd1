package dev.callgate.ffm;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Pointer;
import dev.callgate.Attachment;
import dev.callgate.CallGate;
import dev.callgate.CallbackRoute;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.internal.Backends;
import dev.callgate.internal.GateSpec;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GLib's thread pool (one exclusive worker, a native thread) calls Java back; one op is one push
 * and one callback (each invocation pushes {@value #CALLS} items and waits for all of them). The
 * same FFM-driven pool runs every variant: {@code ffm-bare}, a plain upcall stub;
 * {@code ffm-gated}, the same target behind {@link FfmCallGate} ({@code WARN_ONCE});
 * {@code jna-limit}, a plain upcall stub whose target wraps the two addresses in {@code Pointer}s
 * and calls a JNA-typed {@link GFunc} (no gate: the limit of callgate's FFM route);
 * {@code jna-callgate-ffm}, that {@code GFunc} through {@link CallGate#builder} on its default
 * route, FFM; and {@code jna-callgate}, the same on JNA's route ({@code route(CallbackRoute.JNA)},
 * JNA's trampoline). Every callgate variant is {@code WARN_ONCE}, kept attached; the pool calls
 * each by its function pointer ({@code CallbackReference.getFunctionPointer} for the JNA ones).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UpcallOnGLibWorkerBenchmark {

    static final int CALLS = 1000;
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final LongAdder DONE = new LongAdder();
    /** The JNA-typed body every {@code jna-*} variant runs. */
    static final GFunc BODY = (data, user) -> DONE.increment();
    /** {@code jna-limit}'s target: {@code (long, long)void}, the addresses wrapped as JNA does (the route passes them as longs too). */
    private static final MethodHandle JNA_LIMIT;

    static {
        try {
            JNA_LIMIT = MethodHandles.lookup().findStatic(UpcallOnGLibWorkerBenchmark.class, "jnaLimit",
                    MethodType.methodType(void.class, GFunc.class, long.class, long.class)).bindTo(BODY);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The JNA shape of GLib's {@code GFunc}. */
    public interface GFunc extends Callback {
        void invoke(Pointer data, Pointer userData);
    }

    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"ffm-bare", "ffm-gated", "jna-limit", "jna-callgate-ffm", "jna-callgate"})
        public String variant;

        GLibThreadPool pool;
        long pushed;
        private GatedUpcall gatedUpcall;
        private GatedCallback<GFunc> gatedJna;

        @Setup(Level.Trial)
        public void start() throws ReflectiveOperationException {
            DONE.reset();
            MethodHandle work = MethodHandles.lookup().findStatic(UpcallOnGLibWorkerBenchmark.class, "work",
                    MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class));
            MemorySegment fn;
            switch (variant) {
                case "ffm-bare" -> fn = Natives.LINKER.upcallStub(work, GLibThreadPool.GFUNC, Arena.global());
                case "ffm-gated" -> {
                    gatedUpcall = FfmCallGate.builder(work, GLibThreadPool.GFUNC).name("bench-glib-ffm")
                            .diagnostics(Backends.backend().writerTo(DevNull.open())).build();
                    fn = gatedUpcall.stub();
                }
                case "jna-limit" -> fn = Natives.LINKER.upcallStub(JNA_LIMIT,
                        FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), Arena.global());
                case "jna-callgate-ffm" -> fn = gatedJna(CallbackRoute.FFM);
                case "jna-callgate" -> fn = gatedJna(CallbackRoute.JNA);
                default -> throw new IllegalArgumentException(variant);
            }
            pool = GLibThreadPool.start(fn, 1);
        }

        /** {@link #BODY} through {@link CallGate#builder}, failing unless it took {@code route}. */
        private MemorySegment gatedJna(CallbackRoute route) {
            GatedCallback.Builder<GFunc> builder = CallGate.builder(GFunc.class, BODY).name("bench-glib-jna")
                    .policy(Policy.WARN_ONCE).attachment(Attachment.KEEP_ATTACHED);
            if (route == CallbackRoute.JNA) {
                builder.route(CallbackRoute.JNA);
            }
            gatedJna = GateSpec.diagnosticsTo(Backends.backend().writerTo(DevNull.open()), builder::build);
            if (gatedJna.route() != route) {
                throw new IllegalStateException(variant + " took the " + gatedJna.route() + " route: " + gatedJna.routeReason());
            }
            return MemorySegment.ofAddress(Pointer.nativeValue(CallbackReference.getFunctionPointer(gatedJna.callback())));
        }

        void awaitCalls(long target) {
            long done = DONE.sum();
            long lastProgress = System.nanoTime();
            while (done < target) {
                Thread.yield();
                long now = DONE.sum();
                if (now != done) {
                    done = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    throw new IllegalStateException(variant + ": no callback for 10 s, " + done + " of " + target);
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            pool.close();
            CallbackStats stats = gatedUpcall != null ? gatedUpcall.stats() : gatedJna != null ? gatedJna.stats() : null;
            if (stats != null && stats.foreignCalls() != stats.calls()) {
                throw new IllegalStateException(variant + ": " + stats.foreignCalls() + " of " + stats.calls()
                        + " worker calls were foreign; every one should be");
            }
            if (gatedUpcall != null) {
                gatedUpcall.close();
                gatedUpcall.release();
            }
            if (gatedJna != null) {
                gatedJna.close();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void pushAndCall(Pool p) {
        for (int i = 1; i <= CALLS; i++) {
            p.pool.push(i);
        }
        p.pushed += CALLS;
        p.awaitCalls(p.pushed);
    }

    private static void jnaLimit(GFunc body, long data, long user) {
        body.invoke(data == 0 ? null : new Pointer(data), user == 0 ? null : new Pointer(user));
    }

    private static void work(MemorySegment data, MemorySegment user) {
        DONE.increment();
    }
}
