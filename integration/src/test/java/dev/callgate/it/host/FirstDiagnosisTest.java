package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A native thread's first diagnosis loads no class of callgate's and nothing of JFR's while no
 * recording runs (it once loaded about a hundred {@code jdk.jfr} classes, 100 ms and more on the
 * native thread): the gate links all it needs when it is built, on the builder's Java thread. What
 * is timed, not asserted here (shared machines are noisy), is in BENCHMARKS.md.
 */
@EnabledOnOs(OS.LINUX)
class FirstDiagnosisTest {

    @ParameterizedTest
    @ValueSource(strings = {"WARN_ONCE", "WARN", "REJECT"})
    void loadsNoCallgateOrJfrClassOnTheNativeThread(String policy) {
        ChildJvmResult run = ChildJvm.mainClass(FirstDiagnosisMain.class).jvmOptions("-verbose:class").args(policy).run();

        assertEquals(0, run.exitCode(), run::describe);
        List<String> out = run.stdoutLines();
        List<String> loadedDuringTheCall = out.subList(out.indexOf("marker"), out.size()).stream()
                .filter(line -> line.contains("class,load"))
                .filter(line -> line.contains(" dev.callgate.") || line.contains(" jdk.jfr."))
                .toList();
        assertEquals(List.of(), loadedDuringTheCall);
        int lines = policy.equals("WARN") ? 2 : 1; // two foreign calls; WARN says each
        assertEquals(lines, run.stderrLines(line -> line.startsWith("callgate: callback first on thread not created by"))
                .size(), run::describe);
    }
}
