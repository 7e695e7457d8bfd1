package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * callgate with no OS module: this module's test class path has the API and JNA and no OS module,
 * as an application that forgot one, or runs on an OS callgate has no module for. Each case runs
 * {@link NoOsModuleMain} in a child JVM (the backend is selected once per JVM), on a real native
 * thread.
 */
@EnabledOnOs(OS.LINUX)
class NoOsModuleTest {

    private static final String NOTICE = "callgate: no OS module serves os.name \"Linux\"";

    @Test
    void aGateStillDiagnosesCountsAndRunsTheBodyThroughTheJavaFallback() throws Exception {
        ChildJvmResult run = child(NoOsModuleMain.class, "gate");

        assertEquals(0, run.exitCode(), run::toString);
        assertAll(run.toString(),
                () -> assertTrue(run.stdout().contains("selection: java | dev.callgate:callgate-platform-api | no OS module"
                        + " serves os.name \"Linux\""), "selection"),
                () -> assertTrue(run.stdout().contains("| fallback true"), "isJavaFallback"),
                () -> assertTrue(run.stdout().contains("body runs: 1\n"), "body ran"),
                () -> assertTrue(run.stdout().contains("foreign calls: 1\n"), "foreign call counted"),
                () -> assertTrue(run.stdout().contains("diagnostics written: 1\n"), "line counted as written"),
                () -> assertTrue(run.stdout().contains("heard: FOREIGN_THREAD callgate: callback no-os-module on thread not"
                        + " created by the JVM"), "listener"));
        List<String> notices = run.stderrLinesStarting(NOTICE);
        assertEquals(1, notices.size(), run::toString);
        String notice = notices.get(0);
        assertAll(notice,
                () -> assertTrue(notice.contains("add dev.callgate:callgate-os-linux (or dev.callgate:callgate-all"), "fix"),
                () -> assertTrue(notice.contains("lines go to System.err"), "what changes"),
                () -> assertTrue(notice.contains("-Dcallgate.requireOsModule=true makes this an error"), "strict"),
                () -> assertTrue(notice.contains("Found: no OS module on the class path or module path"), "found"));
        List<String> foreign = run.stderrLinesStarting("callgate: callback no-os-module on thread not created by the JVM"
                + " (native thread ");
        assertEquals(1, foreign.size(), run::toString);
        assertTrue(foreign.get(0).contains(", os java); ran it (policy WARN)"), foreign.get(0));
    }

    @Test
    void theLinesGoThroughSystemErrNotTheOsWrite() throws Exception {
        ChildJvmResult run = child(NoOsModuleMain.class, "redirected");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("captured: " + NOTICE), run::toString);
        assertTrue(run.stdout().contains("captured: callgate: callback no-os-module on thread not created by the JVM"),
                run::toString);
        assertEquals(List.of(), run.stderrLinesStarting("callgate:"), () -> "nothing on fd 2 itself\n" + run);
    }

    @Test
    void abortHaltsWithStatus134AfterItsLine() throws Exception {
        ChildJvmResult run = child(NoOsModuleMain.class, "abort");

        assertEquals(134, run.exitCode(), run::toString);
        assertEquals(1, run.stderrLinesStarting("callgate: callback no-os-module on thread not created by the JVM").size(),
                run::toString);
        assertTrue(run.stderr().contains("aborting the process (policy ABORT)"), run::toString);
        assertFalse(run.stdout().contains("body runs"), run::toString);
    }

    @Test
    void requireOsModuleMakesItTheErrorItWas() throws Exception {
        ChildJvmResult run = child(NoOsModuleMain.class, "builds", "-Dcallgate.requireOsModule=true");

        assertEquals(0, run.exitCode(), run::toString);
        for (int i = 1; i <= 2; i++) {
            String prefix = "build " + i + ": java.lang.IllegalStateException: callgate: no OS backend for os.name \"Linux\"";
            assertTrue(run.stdout().contains(prefix), run::toString);
        }
        assertTrue(run.stdout().contains("Add the module for this OS"), run::toString);
        assertTrue(run.stdout().contains("(-Dcallgate.requireOsModule=true: no Java fallback)"), run::toString);
        assertEquals(List.of(), run.stderrLinesStarting("callgate:"), run::toString);
    }

    @Test
    void anUnknownOverrideIdStaysAnError() throws Exception {
        ChildJvmResult run = child(NoOsModuleMain.class, "builds", "-Dcallgate.os=bogus");

        assertTrue(run.stdout().contains("build 1: java.lang.IllegalStateException: callgate: unknown OS backend id"
                + " \"bogus\" in callgate.os/CALLGATE_OS. Valid ids here: none (no OS module is on the class path)"),
                run::toString);
        assertTrue(run.stdout().contains("build 2: java.lang.IllegalStateException: callgate: unknown OS backend id"),
                run::toString);
    }

    @Test
    void aBadPropertyIsTheSameClearExceptionFromEveryBuild() throws Exception {
        ChildJvmResult run = child(NoOsModuleMain.class, "builds", "-Dcallgate.diagnosticTimeoutMillis=abc",
                "-Dcallgate.exitgaurd=off");

        assertEquals(0, run.exitCode(), run::toString);
        for (int i = 1; i <= 2; i++) {
            String line = run.stdoutLine("build " + i + ": ");
            assertTrue(line.startsWith("build " + i + ": java.lang.IllegalArgumentException: callgate: 2 bad system"
                    + " properties: "), line);
            assertTrue(line.contains("-Dcallgate.diagnosticTimeoutMillis=abc is not a whole number of milliseconds from"
                    + " 1 to 60000"), line);
            assertTrue(line.contains("did you mean callgate.exitGuard?"), line);
        }
    }

    @Test
    void anExitGuardValueOutsideTheModesFailsTheBuild() throws Exception {
        ChildJvmResult run = child(NoOsModuleMain.class, "builds", "-Dcallgate.exitGuard=maybe");

        assertTrue(run.stdoutLine("build 2: ").contains("IllegalArgumentException: callgate: a bad system property:"
                + " -Dcallgate.exitGuard=maybe is not one of auto (the default), always, off"), run::toString);
    }

    /** {@code main} with one argument and these JVM options in a child JVM on this module's class path; no core dump. */
    private static ChildJvmResult child(Class<?> main, String argument, String... jvmOptions) {
        return ChildJvm.mainClass(main).noCoreDump().jvmOptions(jvmOptions).args(argument).run();
    }
}
