package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import dev.callgate.it.support.DiagnosticLines;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A GLib pool still calling while {@code System.exit} runs. Once shutdown has
 * begun the body does not run, one line says so, and the JVM exits by itself with the status it
 * was given.
 */
@EnabledOnOs(OS.LINUX)
class ShutdownTest {

    @Test
    void callbacksDuringSystemExitAreRefusedAndTheJvmExits() {
        ChildJvmResult run = ChildJvm.mainClass(ShutdownDuringCallbacksMain.class)
                .timeout(Duration.ofSeconds(60)) // a hang is killed and fails the test with the output so far
                .run();

        assertEquals(0, run.exitCode(), run::describe);
        Matcher before = Pattern.compile("body runs before exit: (\\d+)").matcher(run.stdout());
        assertTrue(before.find() && Long.parseLong(before.group(1)) > 0, run::describe);
        Matcher during = Pattern.compile("calls during shutdown: (\\d+)").matcher(run.stdout());
        assertTrue(during.find() && Long.parseLong(during.group(1)) > 0,
                () -> "no native call met the shutting-down JVM\n" + run.describe());
        String name = ShutdownDuringCallbacksMain.CALLBACK;
        assertEquals(1, run.stderrLines(line -> DiagnosticLines.duringShutdown(name).matcher(line).matches()).size(),
                run::describe);
        assertEquals(1, run.stderrLines(line -> DiagnosticLines.foreignThread(name, "linux").matcher(line).matches())
                .size(), () -> "WARN_ONCE before the exit\n" + run.describe());
    }
}
