package dev.callgate.ffm;

import dev.callgate.Policy;
import dev.callgate.internal.Backends;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gate's own cost on a JVM thread: Java calls the upcall stub through a downcall handle
 * ({@code int add(int, int)}), once bare and once gated. The difference is what the gate adds;
 * {@code -prof gc} shows its allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class UpcallOnJvmThreadBenchmark {

    static final FunctionDescriptor ADD = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);

    private static final MethodHandle BARE;
    private static final MethodHandle GATED;

    static {
        try {
            MethodHandle add = MethodHandles.lookup().findStatic(UpcallOnJvmThreadBenchmark.class, "add", ADD.toMethodType());
            MemorySegment bareStub = Natives.LINKER.upcallStub(add, ADD, Arena.global());
            GatedUpcall gated = FfmCallGate.builder(add, ADD).name("bench-add").policy(Policy.WARN)
                    .diagnostics(Backends.backend().writerTo(DevNull.open())).build();
            BARE = Natives.LINKER.downcallHandle(bareStub, ADD);
            GATED = Natives.LINKER.downcallHandle(gated.stub(), ADD); // open for the fork's life
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    int a = 1;
    int b = 2;

    @Benchmark
    public int bareUpcall() throws Throwable {
        return (int) BARE.invokeExact(a, b);
    }

    @Benchmark
    public int gatedUpcall() throws Throwable {
        return (int) GATED.invokeExact(a, b);
    }

    private static int add(int x, int y) {
        return x + y;
    }
}
