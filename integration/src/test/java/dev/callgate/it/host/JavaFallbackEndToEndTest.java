package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import dev.callgate.it.support.CliJar;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * callgate.jar when its Linux module cannot start ({@code -Dcallgate.linux.disable=true}): the demo
 * still gates GLib's pool threads through the Java fallback, doctor says so, and the properties
 * are checked with exit statuses that say which kind of problem it is.
 */
@EnabledOnOs(OS.LINUX)
class JavaFallbackEndToEndTest {

    private static final String DISABLE = "callgate.linux.disable";

    private static ChildJvm callgateJar(String... args) {
        return ChildJvm.jar(CliJar.path()).args(args).timeout(Duration.ofSeconds(60));
    }

    private static void assertStdout(ChildJvmResult run, String... lines) {
        for (String line : lines) {
            assertTrue(run.stdoutHasLine(line), () -> "stdout lacks \"" + line + "\"\n" + run.describe());
        }
    }

    @Test
    void doctorReportsTheJavaFallbackAndItsWrite() {
        ChildJvmResult run = callgateJar("doctor").systemProperty(DISABLE, "true").run();

        assertEquals(0, run.exitCode(), run::describe);
        assertStdout(run, "backend: java (the Java fallback: no OS module serves this JVM; standard error's first"
                + " callgate line says which to add)", "provider: dev.callgate:callgate-platform-api",
                "write through System.err: ok");
        List<String> notice = run.stderrLines(line -> line.startsWith("callgate: the OS module"
                + " dev.callgate:callgate-os-linux cannot start here. callgate gates on through Java"));
        assertEquals(1, notice.size(), run::describe);
        assertTrue(notice.get(0).contains("disabled by -Dcallgate.linux.disable=true"), notice.get(0));
    }

    @Test
    void theDemoGatesGLibPoolThreadsThroughTheJavaFallback() {
        ChildJvmResult run = callgateJar("demo", "--policy", "warn-once", "--calls", "200", "--threads", "2")
                .systemProperty(DISABLE, "true").run();

        assertEquals(0, run.exitCode(), run::describe);
        assertStdout(run, "backend: java", "body runs: 200", "foreign calls: 200", "diagnostics written: 1");
        assertEquals(1, run.stderrLines(line -> line.startsWith("callgate: callback demo-tick on thread not created by"
                + " the JVM (native thread ") && line.contains(", os java); ran it")).size(), run::describe);
    }

    @Test
    void requireOsModuleMakesTheMissingModuleExitThree() {
        ChildJvmResult run = callgateJar("doctor").systemProperty(DISABLE, "true")
                .systemProperty("callgate.requireOsModule", "true").run();

        assertEquals(3, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("disabled by -Dcallgate.linux.disable=true"), run::describe);
        assertTrue(run.stderr().contains("(-Dcallgate.requireOsModule=true: no Java fallback)"), run::describe);
    }

    @Test
    void aTypoedPropertyExitsTwoNamingTheKeyItMeant() {
        ChildJvmResult run = callgateJar("doctor").systemProperty("callgate.exitgaurd", "off").run();

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.stderr().contains("-Dcallgate.exitgaurd=off: callgate.exitgaurd is no callgate property. Fix:"
                + " did you mean callgate.exitGuard?"), run::describe);
    }
}
