package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import dev.callgate.testsupport.RunningChild;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The glibc exit guard, in child JVMs on this Linux: armed, exit and halt keep their status, and a JVM
 * whose callback ran on a libuv pool thread that JNA keeps attached ends on {@code System.exit}
 * instead of hanging in libuv's destructor, which joins that thread while it cannot detach.
 */
@EnabledOnOs(OS.LINUX)
class LinuxExitGuardTest {

    /** How long after its last line the libuv child may take to end. */
    private static final long EXIT_BOUND_MS = 2_000;

    @Test
    void systemExitKeepsItsStatusAndTheGuardIsRegisteredOnlyWhenArmed() throws Exception {
        ChildJvmResult child = exitGuardChild("guard", "exit", "7");
        assertEquals(7, child.exitCode(), child.toString());
        assertTrue(child.stdout().contains("guard: glibc on_exit handler that calls _exit(status) only while armed"),
                child.toString());
        assertTrue(child.stdout().contains("; nothing registered yet"), child.toString());
        assertTrue(child.stdout().contains("armed: glibc on_exit handler") && child.stdout().contains("; registered"),
                child.toString());
    }

    @Test
    void haltKeepsItsStatus() throws Exception {
        ChildJvmResult child = exitGuardChild("guard", "halt", "9");
        assertEquals(9, child.exitCode(), child.toString());
    }

    /** Java's buffered stdout is flushed by the JVM; C stdio's by the guard's fflush(NULL). */
    @Test
    void javaOutputWrittenBeforeExitStillArrives() throws Exception {
        ChildJvmResult child = exitGuardChild("guard", "exit", "0");
        assertEquals(0, child.exitCode(), child.toString());
        assertTrue(child.stdout().contains(ExitGuardMain.EXITING), child.toString());
    }

    @Test
    void withTheGuardALibuvPoolThreadLeftAttachedNoLongerHangsSystemExit() throws Exception {
        Ended ended = runLibuvChild("guard", 20_000);
        assertTrue(ended.ended, "the child hung in exit and was killed after 20 s: " + ended.output);
        assertEquals(3, ended.exitStatus, ended.output);
        assertTrue(ended.millisAfterLastLine <= EXIT_BOUND_MS,
                "ended " + ended.millisAfterLastLine + " ms after its last line: " + ended.output);
    }

    /** The problem the guard solves, shown on this host, so the test above cannot pass by accident. */
    @Test
    void withoutTheGuardTheSameChildHangsInExit() throws Exception {
        Ended ended = runLibuvChild("noguard", 5_000);
        assertFalse(ended.ended, "without the guard the child was expected to hang, but ended with "
                + ended.exitStatus + ": " + ended.output);
    }

    private record Ended(boolean ended, int exitStatus, long millisAfterLastLine, String output) {
    }

    private static ChildJvmResult exitGuardChild(String... args) {
        return ChildJvm.mainClass(ExitGuardMain.class).noCoreDump().args(args).run();
    }

    /** Runs the libuv child; after its last line, waits up to {@code waitMillis}, then kills it. */
    private static Ended runLibuvChild(String guard, long waitMillis) throws Exception {
        try (RunningChild child = ChildJvm.mainClass(ExitGuardMain.class).noCoreDump().args(guard, "libuv", "3").start()) {
            try {
                child.awaitLine(ExitGuardMain.EXITING, Duration.ofSeconds(60));
            } catch (AssertionError never) {
                fail("the child never reached System.exit (libuv1 installed?): " + never.getMessage());
            }
            long lastLine = System.nanoTime();
            boolean ended = child.process().waitFor(waitMillis, TimeUnit.MILLISECONDS);
            long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastLine);
            if (!ended) {
                return new Ended(false, -1, after, child.describe());
            }
            return new Ended(true, child.awaitExit(Duration.ofSeconds(10)), after, child.describe());
        }
    }
}
