package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Policy;
import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.RunningChild;
import java.time.Duration;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Standard error is a pipe whose reader stopped reading: the moment callgate exists for, and one in
 * which a plain {@code write(2)} blocks for ever. No callback waits on a diagnostic longer than the
 * bound (10 ms by default), lines not written in time are counted as dropped, and ABORT still ends
 * the process within the bound plus 100 ms.
 */
@EnabledOnOs(OS.LINUX)
class StalledStderrTest {

    @ParameterizedTest
    @EnumSource(value = Policy.class, names = {"ALLOW", "WARN_ONCE", "WARN", "REJECT"})
    void callbacksGoOnAndCountWhatTheyCouldNotSay(Policy policy) throws Exception {
        try (RunningChild child = ChildJvm.mainClass(StalledStderrMain.class)
                .args(policy.name(), "20").startWithStalledStderr()) {
            assertEquals(0, child.awaitExit(Duration.ofSeconds(60)), child::describe);
            String slowest = child.stdoutLines().stream().filter(l -> l.startsWith("slowest call ms: ")).findFirst()
                    .orElseThrow(() -> new AssertionError(child.describe()));
            long millis = Long.parseLong(slowest.substring("slowest call ms: ".length()));
            // A pthread_create + attach + join round trip is itself a few ms on a loaded machine.
            assertTrue(millis < 10 + 300, () -> "a call waited " + millis + " ms on a stalled stderr; " + child.describe());
            String stats = child.stdoutLines().stream().filter(l -> l.startsWith("stats: ")).findFirst().orElseThrow();
            assertTrue(stats.contains("diagnosticsWritten=0"), stats);
            assertTrue(!stats.contains("diagnosticsDropped=0 ") && !stats.endsWith("diagnosticsDropped=0"),
                    () -> "lines not written in time are counted: " + stats);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Policy.class, names = "ABORT")
    void abortEndsTheProcessWhateverStandardErrorDoes(Policy policy) throws Exception {
        try (RunningChild child = ChildJvm.mainClass(StalledStderrMain.class)
                .args(policy.name(), "1").startWithStalledStderr()) {
            String line = child.awaitLine("aborting at ", Duration.ofSeconds(60));
            long said = System.nanoTime();
            int exit = child.awaitExit(Duration.ofSeconds(20));
            long tookMillis = (System.nanoTime() - said) / 1_000_000;

            assertEquals(128 + 6, exit, child::describe);
            // Bound (10 ms) + 100 ms, plus the pthread start and the line reaching this process.
            assertTrue(tookMillis < 10 + 100 + 400, () -> "abort came " + tookMillis + " ms after " + line);
        }
    }
}
