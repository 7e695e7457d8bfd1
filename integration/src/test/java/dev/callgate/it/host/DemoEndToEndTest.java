package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Policy;
import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import dev.callgate.it.support.CliJar;
import dev.callgate.it.support.DiagnosticLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code java -jar callgate.jar} in a child JVM, its
 * stdout, stderr and exit status checked. The jar is the integration module's dependency
 * {@code dev.callgate:callgate-cli:jar:app}, found through {@link CliJar}.
 */
@EnabledOnOs(OS.LINUX)
class DemoEndToEndTest {

    private static final Path CLI_JAR = CliJar.path();
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    private static final Pattern DEMO_FOREIGN = DiagnosticLines.foreignThread("demo-tick", "linux");

    private static ChildJvm callgateJar(String... args) {
        return ChildJvm.jar(CLI_JAR).args(args).timeout(NO_HANG);
    }

    private static ChildJvmResult demo(String... options) {
        List<String> args = new ArrayList<>(List.of("demo"));
        args.addAll(List.of(options));
        return callgateJar(args.toArray(String[]::new)).run();
    }

    private static List<String> callgateLines(ChildJvmResult run) {
        return run.stderrLines(line -> line.startsWith("callgate:"));
    }

    private static void assertStdout(ChildJvmResult run, String... lines) {
        for (String line : lines) {
            assertTrue(run.stdoutHasLine(line), () -> "stdout lacks \"" + line + "\"\n" + run.describe());
        }
    }

    @Test
    void warnOnceWritesExactlyOneDiagnosticWhateverTheNumberOfForeignThreads() {
        ChildJvmResult run = demo("--policy", "warn-once", "--calls", "1000", "--threads", "4");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(1, run.stderrLines(line -> DEMO_FOREIGN.matcher(line).matches()).size(), run::describe);
        assertEquals(1, callgateLines(run).size(), () -> "nothing else from callgate\n" + run.describe());
        assertEquals(List.of(), run.stderrLines(line -> line.startsWith("JNA:")), () -> "JNA complained\n"
                + run.describe());
        assertStdout(run, "backend: linux", "calls: 1000", "body runs: 1000", "foreign calls: 1000",
                "qsort diagnostics: 0", "qsort foreign calls: 0");
        // GLib may drain its queue before every one of the 4 workers took an item (seen: 2 or 3).
        assertTrue(run.stdout().lines().anyMatch(line -> line.matches("foreign threads: [1-4]")), run::describe);
    }

    @Test
    void warnWritesOneDiagnosticPerCall() {
        ChildJvmResult run = demo("--policy", "warn", "--calls", "50");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(50, run.stderrLines(line -> DEMO_FOREIGN.matcher(line).matches()).size(), run::describe);
        assertStdout(run, "diagnostics written: 50", "qsort diagnostics: 0");
    }

    @Test
    void rejectNeverRunsTheBody() {
        ChildJvmResult run = demo("--policy", "reject", "--calls", "300");

        assertEquals(0, run.exitCode(), run::describe);
        assertStdout(run, "calls: 300", "body runs: 0", "rejected: 300");
        assertEquals(1, run.stderrLines(line -> DEMO_FOREIGN.matcher(line).matches()).size(), run::describe);
    }

    @RepeatedTest(3)
    void abortWritesExactlyOneLineThenDiesOfSigabrtWhateverTheWorkersRacing() {
        ChildJvmResult run = demo("--policy", "abort", "--calls", "400", "--threads", "8");

        assertEquals(ChildJvmResult.KILLED_BY_SIGABRT, run.exitCode(), run::describe);
        List<String> diagnosed = run.stderrLines(line -> line.contains(" on thread not created by the JVM "));
        // Eight GLib workers reach ABORT together; one line, the others write nothing.
        assertEquals(1, diagnosed.size(), run::describe);
        assertTrue(diagnosed.get(0).endsWith("; aborting the process (policy ABORT)"), run::describe);
        assertTrue(run.stdoutHasLine("policy: ABORT") && !run.stdout().contains("body runs:"),
                () -> "the process must die inside the pool\n" + run.describe());
    }

    @Test
    void aBodyThatAlwaysThrowsIsContainedCountedAndSaidOnce() {
        ChildJvmResult run = demo("--policy", "allow", "--calls", "100", "--throw");

        assertEquals(0, run.exitCode(), run::describe);
        assertStdout(run, "body runs: 100", "exceptions: 100");
        Pattern threw = DiagnosticLines.threw("demo-tick", IllegalStateException.class);
        assertEquals(1, run.stderrLines(line -> threw.matcher(line).matches()).size(),
                () -> "one line for 100 throws of one class, not a flood: " + run.describe());
    }

    @Test
    void detachEachCallAttachesANewJavaThreadPerCall() {
        ChildJvmResult run = demo("--policy", "allow", "--calls", "200", "--threads", "1", "--detach-each-call");

        assertEquals(0, run.exitCode(), run::describe);
        assertStdout(run, "attachment: DETACH_AFTER_EACH_CALL", "body runs: 200", "java threads attached: 200",
                "foreign threads: 1");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void everyPolicyExitsByItselfWithoutHanging(Policy policy) {
        // ChildJvm fails the test (and kills the child) if it is still running at the timeout.
        ChildJvmResult run = demo("--policy", policy.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                "--calls", "500", "--threads", "4");

        int expected = policy == Policy.ABORT ? ChildJvmResult.KILLED_BY_SIGABRT : 0;
        assertEquals(expected, run.exitCode(), run::describe);
        assertTrue(run.elapsed().compareTo(NO_HANG) < 0, run::describe);
    }

    @Test
    void doctorReportsTheLinuxBackendAndAWorkingNativeWrite() {
        ChildJvmResult run = callgateJar("doctor").run();

        assertEquals(0, run.exitCode(), run::describe);
        assertStdout(run, "backend: linux", "native write: ok", "provider: dev.callgate:callgate-os-linux");
        assertTrue(run.stdout().contains("exit guard: auto: standing by, armed only while a kept-attached foreign"
                + " thread is alive at exit (0 now); glibc on_exit handler that calls _exit(status) only while armed"),
                run::describe);
        assertEquals(1, run.stderrLines(line -> line.startsWith("callgate: doctor: native write works (native thread ")
                && line.endsWith(", os linux)")).size(), run::describe);
    }

    @Test
    void demoUnderThePlan9SimulatorWritesThroughTheSimulatedKernel() {
        ChildJvmResult run = callgateJar("demo", "--policy", "warn-once", "--calls", "300", "--threads", "2")
                .systemProperty("callgate.os", "plan9-sim").run();

        assertEquals(0, run.exitCode(), run::describe);
        assertStdout(run, "backend: plan9-sim", "body runs: 300", "diagnostics written: 1", "qsort diagnostics: 0");
        // The simulator's only write is its kernel's pwrite to /dev/cons, whose console is the host's stderr.
        Pattern simulated = DiagnosticLines.foreignThread("demo-tick", "plan9-sim");
        assertEquals(1, run.stderrLines(line -> simulated.matcher(line).matches()).size(), run::describe);
        assertEquals(0, run.stderrLines(line -> DEMO_FOREIGN.matcher(line).matches()).size(),
                () -> "nothing went through the Linux backend\n" + run.describe());
    }

    @Test
    void unknownBackendOverrideExitsThreeListingTheValidIds() {
        ChildJvmResult run = callgateJar("doctor").systemProperty("callgate.os", "nope").run();

        assertEquals(3, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("unknown OS backend id \"nope\""), run::describe);
        assertTrue(run.stderr().contains("Valid ids here: darwin, freebsd, linux, plan9-sim, windows"), run::describe);
    }

    @Test
    void badOptionExitsTwoWithUsage() {
        ChildJvmResult run = demo("--no-such-option");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("unknown demo option \"--no-such-option\""), run::describe);
        assertTrue(run.stderr().contains("usage: java -jar callgate.jar"), run::describe);
    }
}
