package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A thread that Java code creates inside a callback body on a foreign thread is a JVM thread, even
 * though it inherits the foreign thread's group: under ABORT its calls run, and nothing is written.
 */
@EnabledOnOs(OS.LINUX)
class ThreadsCreatedInBodyTest {

    @ParameterizedTest
    @ValueSource(strings = {"thread", "executor", "supplyAsync"})
    void isNeverForeign(String how) {
        // A common pool of one worker on JDK 17, so supplyAsync makes its thread inside the body.
        ChildJvmResult run = ChildJvm.mainClass(ThreadsCreatedInBodyMain.class)
                .systemProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "1").args(how).run();

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdoutHasLine("handed off: 42"), run::describe);
        assertEquals(0, run.stderrLines(line -> line.contains("callback strict")).size(), run::describe);
    }
}
