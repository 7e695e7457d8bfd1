package dev.callgate.bench;

import dev.callgate.internal.DiagnosticChannel;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import java.io.FileNotFoundException;
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
 * One diagnostic line to {@code /dev/null}. callgate's {@link DiagnosticWriter}
 * writes a line encoded once into native memory with one libc {@code write(2)}; the baseline is
 * {@code System.err.println} with {@code System.err} pointed at {@code /dev/null} and built the way
 * the JDK builds it ({@link DevNullSinks}). A third benchmark encodes
 * the line on every call, as the gate does for a "callback threw" diagnostic. {@code callgateChannel}
 * is the path a callback thread takes: the line handed to callgate's writer thread, which writes it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiagnosticWriteBenchmark {

    /** The line the gate writes for a foreign-thread call, with typical values filled in. */
    static final String LINE = "callgate: callback bench-tick on thread not created by the JVM (native thread 12345, os linux)";

    /**
     * Both sinks on /dev/null, one set per trial (shared by the threads of
     * {@link DiagnosticFloodBenchmark}); System.err is restored at the end of the trial.
     */
    @State(Scope.Benchmark)
    public static class Sinks {
        DiagnosticWriter writer;
        NativeMessage line;

        private DevNullSinks sinks;

        @Setup(Level.Trial)
        public void open() throws FileNotFoundException {
            sinks = DevNullSinks.open();
            writer = sinks.writer;
            line = NativeMessage.encode(LINE);
        }

        @TearDown(Level.Trial)
        public void restore() {
            sinks.close();
        }
    }

    @Benchmark
    public boolean callgateWriter(Sinks s) {
        return s.writer.write(s.line);
    }

    /**
     * What a callback thread pays for one line: the hand-off to callgate's writer thread, which makes
     * the same native write, and the wait for its answer (bounded; never reached on /dev/null).
     */
    @Benchmark
    public DiagnosticChannel.Outcome callgateChannel(Sinks s) {
        return DiagnosticChannel.shared().write(s.writer, s.line);
    }

    @Benchmark
    public boolean callgateEncodeAndWrite(Sinks s) {
        return s.writer.write(NativeMessage.encode(LINE));
    }

    @Benchmark
    public void systemErrPrintln(Sinks s) { // Sinks, so that System.err points at /dev/null
        System.err.println(LINE);
    }
}
