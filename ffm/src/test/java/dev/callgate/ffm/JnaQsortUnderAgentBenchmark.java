package dev.callgate.ffm;

import java.lang.management.ManagementFactory;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent row of {@link JnaQsortOnJvmThreadBenchmark}: the same plain JNA comparators, sorted
 * through the same binding, in a fork that runs callgate's java agent, which converts them. Runs
 * only in such a fork: {@link JnaRouteBenchmarks} adds {@code -javaagent} when
 * {@code -Dbench.agentJar} names the jar, and otherwise leaves this class out; run directly,
 * its setup fails naming that property.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JnaQsortUnderAgentBenchmark {

    /** The plain comparators, which the agent converts when they are handed to the binding. */
    @State(Scope.Thread)
    public static class Sorts {
        JnaQsortRoutes.Sort address;
        JnaQsortRoutes.Sort getInt;

        @Setup(Level.Trial)
        public void prepare() {
            if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream().noneMatch(a -> a.startsWith("-javaagent:"))) {
                throw new IllegalStateException("this fork runs no java agent; run JnaRouteBenchmarks with"
                        + " -Dbench.agentJar=agent/target/callgate-agent.jar");
            }
            address = new JnaQsortRoutes.Sort(JnaQsortRoutes.BY_ADDRESS);
            address.check(JnaQsortRoutes.BY_ADDRESS, JnaQsortRoutes.ADDRESS_COMPARISONS, "agentAddress");
            getInt = new JnaQsortRoutes.Sort(JnaQsortRoutes.BY_INT);
            getInt.check(JnaQsortRoutes.BY_INT, JnaQsortRoutes.INT_COMPARISONS, "agentGetInt");
        }
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.ADDRESS_COMPARISONS)
    public int agentAddress(Sorts s) {
        return s.address.sort();
    }

    @Benchmark
    @OperationsPerInvocation(JnaQsortRoutes.INT_COMPARISONS)
    public int agentGetInt(Sorts s) {
        return s.getInt.sort();
    }
}
