package dev.callgate.ffm;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JNA route benchmarks in one command: {@link JnaQsortOnJvmThreadBenchmark} and
 * {@link UpcallOnGLibWorkerBenchmark}, then, when {@code -Dbench.agentJar} names callgate's
 * agent jar, {@link JnaQsortUnderAgentBenchmark} in a fork with that agent (its results file, if
 * {@code -rff} names one, gets {@code -agent} before its extension). Arguments are JMH's options,
 * without a benchmark pattern.
 */
public final class JnaRouteBenchmarks {

    private JnaRouteBenchmarks() {}

    /** Runs the benchmarks; {@code args} are JMH options without a pattern. */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (!cli.getIncludes().isEmpty()) {
            throw new IllegalArgumentException("give no benchmark pattern (" + cli.getIncludes()
                    + "); for single benchmarks run org.openjdk.jmh.Main");
        }
        String agentJar = System.getProperty("bench.agentJar");
        if (agentJar != null && !Files.isRegularFile(Path.of(agentJar))) { // before the long run, not after it
            throw new IllegalArgumentException("-Dbench.agentJar=" + agentJar + " is not a file; build it with"
                    + " ./mvnw -pl agent -am package -DskipTests");
        }
        new Runner(new OptionsBuilder().parent(cli).include(JnaQsortOnJvmThreadBenchmark.class.getSimpleName())
                .include(UpcallOnGLibWorkerBenchmark.class.getSimpleName()).build()).run();
        if (agentJar == null) {
            System.out.println("# no agent row: -Dbench.agentJar=agent/target/callgate-agent.jar adds it");
            return;
        }
        ChainedOptionsBuilder agent = new OptionsBuilder().parent(cli)
                .include(JnaQsortUnderAgentBenchmark.class.getSimpleName())
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-javaagent:" + agentJar);
        if (cli.getResult().hasValue()) {
            String file = cli.getResult().get();
            int dot = file.lastIndexOf('.');
            agent.result(dot > file.lastIndexOf('/') ? file.substring(0, dot) + "-agent" + file.substring(dot) : file + "-agent");
        }
        new Runner(agent.build()).run();
    }
}
