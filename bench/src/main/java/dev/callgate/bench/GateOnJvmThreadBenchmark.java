package dev.callgate.bench;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.internal.Backends;
import dev.callgate.internal.GateSpec;
import dev.callgate.GatedCallback;
import dev.callgate.fixtures.LibC;
import java.util.concurrent.TimeUnit;
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
 * The gate's own cost on a JVM thread, called from Java with no native code in
 * between. {@code gated.callback().m(args)} runs the JDK's {@link java.lang.reflect.Proxy} class,
 * {@code Gate.invoke} and {@code Method.invoke(body)}; the baseline calls the body directly.
 *
 * <p>Two shapes: a callback without arguments, where the proxy passes no argument array, so any
 * B/op is the gate's; and libc's {@code qsort} comparator with two pointers, where the proxy
 * allocates an {@code Object[2]} per call (the JDK proxy's boxing, not the gate's).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GateOnJvmThreadBenchmark {

    /** A callback without arguments or result. */
    public interface Tick extends Callback {
        void tick();
    }

    /** The body behind {@link Tick}: a field increment, so there is something to call. */
    static final class CountingTick implements Tick {
        long ticks;

        @Override
        public void tick() {
            ticks++;
        }
    }

    /** Both callbacks, bare and gated, and two ints in native memory for the comparator. */
    @State(Scope.Thread)
    public static class Callbacks {
        Tick tickBody;
        Tick tickGated;
        LibC.Comparator compareBody;
        LibC.Comparator compareGated;
        Pointer left;
        Pointer right;

        private DevNull devNull;
        private GatedCallback<Tick> tickHandle;
        private GatedCallback<LibC.Comparator> compareHandle;

        @Setup(Level.Trial)
        public void gate() {
            devNull = DevNull.open();
            tickBody = new CountingTick();
            compareBody = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));
            tickHandle = GateSpec.diagnosticsTo(Backends.backend().writerTo(devNull.fd()), CallGate.builder(Tick.class, tickBody).name("bench-tick")::build);
            compareHandle = GateSpec.diagnosticsTo(Backends.backend().writerTo(devNull.fd()), CallGate.builder(LibC.Comparator.class, compareBody).name("bench-compare")::build);
            tickGated = tickHandle.callback();
            compareGated = compareHandle.callback();
            Memory ints = new Memory(2L * Integer.BYTES);
            ints.setInt(0, 7);
            ints.setInt(Integer.BYTES, 3);
            left = ints;
            right = ints.share(Integer.BYTES);
        }

        @TearDown(Level.Trial)
        public void checkAndClose() {
            // The JMH thread is a JVM thread: had the gate called it foreign, this measured the wrong path.
            JvmThreadCheck.requireNoForeignCalls(tickHandle);
            JvmThreadCheck.requireNoForeignCalls(compareHandle);
            tickHandle.close();
            compareHandle.close();
            devNull.close();
        }
    }

    @Benchmark
    public void tickDirect(Callbacks c) {
        c.tickBody.tick();
    }

    @Benchmark
    public void tickGated(Callbacks c) {
        c.tickGated.tick();
    }

    @Benchmark
    public int compareDirect(Callbacks c) {
        return c.compareBody.compare(c.left, c.right);
    }

    @Benchmark
    public int compareGated(Callbacks c) {
        return c.compareGated.compare(c.left, c.right);
    }
}
