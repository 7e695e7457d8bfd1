package dev.callgate.bench;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.callgate.Attachment;
import dev.callgate.CallGate;
import dev.callgate.internal.Backends;
import dev.callgate.internal.GateSpec;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.fixtures.GLibThreadPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * GLib's thread pool calls Java back from native threads the JVM did not
 * create. One op is one callback: each invocation pushes {@value #CALLS} items and waits until
 * the workers have called back for all of them; the score is callbacks per second.
 *
 * <p>Variants of the same body: {@code plain-jna}, JNA's default (no thread initializer, so JNA
 * attaches the worker before each call and detaches it after, creating a new
 * {@code java.lang.Thread} each time); {@code jna-keep-attached}, a hand-written
 * {@code CallbackThreadInitializer(true, false, "x")}; {@code callgate}, the gate with its
 * defaults ({@code WARN_ONCE}, {@code KEEP_ATTACHED}) and diagnostics sent to /dev/null. The
 * {@code javaThreads} and {@code callbacksMade} counters show how many distinct
 * {@code java.lang.Thread} objects ran how many callbacks: thread creation made visible.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GLibWorkerCallbackBenchmark {

    /** Callbacks per benchmark invocation. */
    static final int CALLS = 1000;

    /** How long the waiter tolerates no progress before it calls the trial broken. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The body every variant runs: counts its calls and the Java threads it ran on. */
    static final class CountedWork implements GLibThreadPool.GFunc {
        final LongAdder calls = new LongAdder();
        final LongAdder javaThreads = new LongAdder();
        // Initialised once per java.lang.Thread: with JNA's default that is once per call.
        private final ThreadLocal<Boolean> seen = ThreadLocal.withInitial(() -> {
            javaThreads.increment();
            return Boolean.TRUE;
        });

        @Override
        public void invoke(Pointer data, Pointer userData) {
            seen.get();
            calls.increment(); // last: once the waiter sees the count, the thread was counted too
        }
    }

    /** One pool per trial, started with the variant's callback. */
    @State(Scope.Benchmark)
    public static class WorkerPool {
        @Param({"plain-jna", "jna-keep-attached", "callgate"})
        public String variant;

        @Param({"1", "2", "4"})
        public int workers;

        final CountedWork work = new CountedWork();
        GLibThreadPool pool;
        long pushed;

        private DevNull devNull;
        private GatedCallback<GLibThreadPool.GFunc> gated;

        @Setup(Level.Trial)
        public void start() {
            pool = GLibThreadPool.start(callbackFor(variant), workers);
        }

        private GLibThreadPool.GFunc callbackFor(String name) {
            switch (name) {
                case "plain-jna":
                    return work;
                case "jna-keep-attached":
                    Native.setCallbackThreadInitializer(work, new CallbackThreadInitializer(true, false, "x"));
                    return work;
                case "callgate":
                    devNull = DevNull.open();
                    gated = GateSpec.diagnosticsTo(Backends.backend().writerTo(devNull.fd()), CallGate.builder(GLibThreadPool.GFunc.class, (GLibThreadPool.GFunc) work)
                            .name("bench-glib").attachment(Attachment.KEEP_ATTACHED)::build);
                    return gated.callback();
                default:
                    throw new IllegalArgumentException("unknown variant " + name
                            + "; use plain-jna, jna-keep-attached or callgate");
            }
        }

        /** Waits, yielding the CPU to the workers, until {@code target} callbacks have run. */
        void awaitCalls(long target) {
            long done = work.calls.sum();
            long lastProgress = System.nanoTime();
            while (done < target) {
                Thread.yield();
                long now = work.calls.sum();
                if (now != done) {
                    done = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    throw new IllegalStateException(variant + " with " + workers + " workers: no callback for "
                            + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s, " + done + " of " + target
                            + " done; the GLib workers stopped calling back");
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            pool.close();
            if (gated != null) {
                CallbackStats stats = gated.stats();
                gated.close();
                devNull.close();
                if (stats.foreignCalls() != stats.calls()) {
                    throw new IllegalStateException("the gate counted " + stats.foreignCalls() + " of " + stats.calls()
                            + " GLib worker calls as foreign; every one should be");
                }
            }
        }
    }

    /**
     * Secondary results, summed by JMH over the measurement iterations: the callbacks made, and the
     * distinct {@code java.lang.Thread}s that ran them. Their ratio is the threads created per callback.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ThreadsSeen {
        public long callbacksMade;
        public long javaThreads;

        @Setup(Level.Iteration)
        public void reset() {
            callbacksMade = 0;
            javaThreads = 0;
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void callbacks(WorkerPool p, ThreadsSeen seen) {
        for (int i = 1; i <= CALLS; i++) {
            p.pool.push(i);
        }
        p.pushed += CALLS;
        p.awaitCalls(p.pushed);
        seen.callbacksMade += CALLS;
        seen.javaThreads += p.work.javaThreads.sumThenReset();
    }
}
