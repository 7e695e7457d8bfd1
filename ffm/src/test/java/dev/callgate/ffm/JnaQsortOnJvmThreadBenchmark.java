package dev.callgate.ffm;

import dev.callgate.CallbackRoute;
import dev.callgate.GatedCallback;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A JNA comparator called by libc's {@code qsort} on the benchmark's (JVM) thread, one op being
 * one comparison, side by side: plain JNA ({@code plainJna*}); the limit, a bare FFM upcall stub
 * calling the same JNA-typed body ({@code limit*}, see {@link JnaQsortRoutes#limit}); and the
 * body through {@code CallGate.builder} on its default route, FFM ({@code callgateFfm*}), and on
 * JNA's ({@code callgateJna*}). Two bodies: {@code *Address} compares the two addresses only
 * (the dispatch alone), {@code *GetInt} reads both ints with {@code Pointer.getInt}. Every variant
 * sorts the same array through the same JNA binding; {@code -prof gc} gives B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JnaQsortOnJvmThreadBenchmark {

    /** One sort per comparator, each checked at setup for its comparison count. */
    @State(Scope.Thread)
    public static class Sorts {
        JnaQsortRoutes.Sort plainJnaAddress;
        JnaQsortRoutes.Sort plainJnaGetInt;
        JnaQsortRoutes.Sort limitAddress;
        JnaQsortRoutes.Sort limitGetInt;
        JnaQsortRoutes.Sort callgateFfmAddress;
        JnaQsortRoutes.Sort callgateFfmGetInt;
        JnaQsortRoutes.Sort callgateJnaAddress;
        JnaQsortRoutes.Sort callgateJnaGetInt;
        private GatedCallback<?>[] handles;

        @Setup(Level.Trial)
        public void prepare() {
            GatedCallback<JnaQsortRoutes.Comparator> ffmAddress = JnaQsortRoutes.gated(JnaQsortRoutes.BY_ADDRESS, null, CallbackRoute.FFM);
            GatedCallback<JnaQsortRoutes.Comparator> ffmGetInt = JnaQsortRoutes.gated(JnaQsortRoutes.BY_INT, null, CallbackRoute.FFM);
            GatedCallback<JnaQsortRoutes.Comparator> jnaAddress = JnaQsortRoutes.gated(JnaQsortRoutes.BY_ADDRESS, CallbackRoute.JNA, CallbackRoute.JNA);
            GatedCallback<JnaQsortRoutes.Comparator> jnaGetInt = JnaQsortRoutes.gated(JnaQsortRoutes.BY_INT, CallbackRoute.JNA, CallbackRoute.JNA);
            handles = new GatedCallback<?>[] {ffmAddress, ffmGetInt, jnaAddress, jnaGetInt};
            plainJnaAddress = address(JnaQsortRoutes.BY_ADDRESS, "plainJnaAddress");
            plainJnaGetInt = getInt(JnaQsortRoutes.BY_INT, "plainJnaGetInt");
            limitAddress = address(JnaQsortRoutes.limit(JnaQsortRoutes.BY_ADDRESS), "limitAddress");
            limitGetInt = getInt(JnaQsortRoutes.limit(JnaQsortRoutes.BY_INT), "limitGetInt");
            callgateFfmAddress = address(ffmAddress.callback(), "callgateFfmAddress");
            callgateFfmGetInt = getInt(ffmGetInt.callback(), "callgateFfmGetInt");
            callgateJnaAddress = address(jnaAddress.callback(), "callgateJnaAddress");
            callgateJnaGetInt = getInt(jnaGetInt.callback(), "callgateJnaGetInt");
        }

        private static JnaQsortRoutes.Sort address(JnaQsortRoutes.Comparator comparator, String what) {
            JnaQsortRoutes.Sort sort = new JnaQsortRoutes.Sort(comparator);
            sort.check(JnaQsortRoutes.BY_ADDRESS, JnaQsortRoutes.ADDRESS_COMPARISONS, what);
            return sort;
        }

        private static JnaQsortRoutes.Sort getInt(JnaQsortRoutes.Comparator comparator, String what) {
            JnaQsortRoutes.Sort sort = new JnaQsortRoutes.Sort(comparator);
            sort.check(JnaQsortRoutes.BY_INT, JnaQsortRoutes.INT_COMPARISONS, what);
            return sort;
        }

        /** Every call was on this JVM thread: none may have been counted foreign. */
        @TearDown(Level.Trial)
        public void checkAndClose() {
            for (GatedCallback<?> handle : handles) {
                if (handle.stats().foreignCalls() != 0 || handle.stats().calls() == 0) {
                    throw new IllegalStateException(handle.stats() + ": expected calls, none foreign");
                }
                handle.close();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.ADDRESS_COMPARISONS)
    public int plainJnaAddress(Sorts s) {
        return s.plainJnaAddress.sort();
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.ADDRESS_COMPARISONS)
    public int limitAddress(Sorts s) {
        return s.limitAddress.sort();
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.ADDRESS_COMPARISONS)
    public int callgateFfmAddress(Sorts s) {
        return s.callgateFfmAddress.sort();
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.ADDRESS_COMPARISONS)
    public int callgateJnaAddress(Sorts s) {
        return s.callgateJnaAddress.sort();
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.INT_COMPARISONS)
    public int plainJnaGetInt(Sorts s) {
        return s.plainJnaGetInt.sort();
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.INT_COMPARISONS)
    public int limitGetInt(Sorts s) {
        return s.limitGetInt.sort();
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.INT_COMPARISONS)
    public int callgateFfmGetInt(Sorts s) {
        return s.callgateFfmGetInt.sort();
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.INT_COMPARISONS)
    public int callgateJnaGetInt(Sorts s) {
        return s.callgateJnaGetInt.sort();
    }
}
