package dev.callgate.bench;

import com.sun.jna.Memory;
import dev.callgate.CallGate;
import dev.callgate.internal.Backends;
import dev.callgate.internal.GateSpec;
import dev.callgate.GatedCallback;
import dev.callgate.fixtures.LibC;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost users see on a JVM thread, through JNA's callback dispatch. One op
 * refills {@value Sort#INTS} ints in native memory and sorts them with libc {@code qsort}, which
 * calls the comparator back on the benchmark's own (JVM) thread: once with a plain JNA comparator,
 * once with the same comparator behind the gate. The number of comparator calls per sort is
 * printed at setup, so the difference can be read per callback.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QsortCallbackBenchmark {

    /** The array, libc, and the comparator bare and gated. */
    @State(Scope.Thread)
    public static class Sort {
        static final int INTS = 16;

        LibC libc;
        Memory ints;
        int[] unsorted;
        LibC.SizeT count;
        LibC.SizeT width;
        LibC.Comparator plain;
        LibC.Comparator gated;

        private DevNull devNull;
        private GatedCallback<LibC.Comparator> handle;

        @Setup(Level.Trial)
        public void prepare() {
            libc = LibC.load();
            ints = new Memory((long) INTS * Integer.BYTES);
            unsorted = new int[INTS];
            for (int i = 0; i < INTS; i++) {
                unsorted[i] = (i * 7) % INTS; // a permutation: 7 and 16 are coprime
            }
            count = new LibC.SizeT(INTS);
            width = new LibC.SizeT(Integer.BYTES);
            plain = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));
            devNull = DevNull.open();
            handle = GateSpec.diagnosticsTo(Backends.backend().writerTo(devNull.fd()), CallGate.builder(LibC.Comparator.class, (LibC.Comparator) (a, b) -> Integer.compare(a.getInt(0),
                            b.getInt(0)))
                    .name("bench-qsort")::build);
            gated = handle.callback();
            System.out.println("# qsort of " + INTS + " ints calls the comparator " + comparisonsPerSort()
                    + " times per op");
        }

        /** Refills the array in its unsorted order, so every op sorts the same input. */
        void refill() {
            ints.write(0, unsorted, 0, INTS);
        }

        private int comparisonsPerSort() {
            AtomicInteger calls = new AtomicInteger();
            LibC.Comparator counting = (a, b) -> {
                calls.incrementAndGet();
                return Integer.compare(a.getInt(0), b.getInt(0));
            };
            refill();
            libc.qsort(ints, count, width, counting);
            for (int i = 1; i < INTS; i++) {
                if (ints.getInt((long) (i - 1) * Integer.BYTES) > ints.getInt((long) i * Integer.BYTES)) {
                    throw new IllegalStateException("libc qsort left the benchmark's array unsorted at index " + i);
                }
            }
            return calls.get();
        }

        @TearDown(Level.Trial)
        public void checkAndClose() {
            JvmThreadCheck.requireNoForeignCalls(handle);
            handle.close();
            devNull.close();
        }
    }

    @Benchmark
    public int plainJnaComparator(Sort s) {
        s.refill();
        s.libc.qsort(s.ints, s.count, s.width, s.plain);
        return s.ints.getInt(0);
    }

    @Benchmark
    public int gatedComparator(Sort s) {
        s.refill();
        s.libc.qsort(s.ints, s.count, s.width, s.gated);
        return s.ints.getInt(0);
    }
}
