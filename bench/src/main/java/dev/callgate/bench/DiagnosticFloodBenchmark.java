package dev.callgate.bench;

import dev.callgate.internal.DiagnosticChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A WARN flood: 8 threads (more than the cores of a small machine) write a diagnostic line each on
 * every operation, to {@code /dev/null}. {@code callgateChannel} is the path a callback thread takes
 * under {@code Policy.WARN}; the {@link Outcomes} counters say how many lines were written and how
 * many dropped, which is what the benchmark is for: a full ring behind a writer that keeps up must
 * not drop lines. {@code systemErrPrintln} is the same flood through one shared {@code System.err}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(8)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiagnosticFloodBenchmark {

    /** What became of the lines, summed over the threads of one iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Outcomes {
        public long written;
        public long dropped;
        public long failed;

        @Setup(Level.Iteration)
        public void reset() {
            written = 0;
            dropped = 0;
            failed = 0;
        }
    }

    @Benchmark
    public void callgateChannel(DiagnosticWriteBenchmark.Sinks sink, Outcomes outcomes) {
        switch (DiagnosticChannel.shared().write(sink.writer, sink.line)) {
            case WRITTEN -> outcomes.written++;
            case DROPPED -> outcomes.dropped++;
            case FAILED -> outcomes.failed++;
        }
    }

    @Benchmark
    public void systemErrPrintln(DiagnosticWriteBenchmark.Sinks sink) { // Sinks, so that System.err points at /dev/null
        System.err.println(DiagnosticWriteBenchmark.LINE);
    }
}
