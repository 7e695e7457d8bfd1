package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.callgate.spi.contract.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        ChildJvm.Result child = ChildJvm.run(ExitGuardMain.class, "guard", "exit", "7");
        assertEquals(7, child.exitStatus(), child.toString());
        assertTrue(child.stdout().contains("guard: glibc on_exit handler that calls _exit(status) only while armed"),
                child.toString());
        assertTrue(child.stdout().contains("; nothing registered yet"), child.toString());
        assertTrue(child.stdout().contains("armed: glibc on_exit handler") && child.stdout().contains("; registered"),
                child.toString());
    }

    @Test
    void haltKeepsItsStatus() throws Exception {
        ChildJvm.Result child = ChildJvm.run(ExitGuardMain.class, "guard", "halt", "9");
        assertEquals(9, child.exitStatus(), child.toString());
    }

    /** Java's buffered stdout is flushed by the JVM; C stdio's by the guard's fflush(NULL). */
    @Test
    void javaOutputWrittenBeforeExitStillArrives() throws Exception {
        ChildJvm.Result child = ChildJvm.run(ExitGuardMain.class, "guard", "exit", "0");
        assertEquals(0, child.exitStatus(), child.toString());
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

    /** Runs the libuv child; after its last line, waits up to {@code waitMillis}, then kills it. */
    private static Ended runLibuvChild(String guard, long waitMillis) throws Exception {
        Process process = ChildJvm.start(List.of(), ExitGuardMain.class, guard, "libuv", "3");
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try (var in = process.getErrorStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.append(line).append('\n');
                if (line.equals(ExitGuardMain.EXITING)) {
                    break;
                }
            }
            if (!out.toString().contains(ExitGuardMain.EXITING)) {
                process.waitFor(20, TimeUnit.SECONDS);
                fail("the child never reached System.exit (libuv1 installed?): " + out + err.getNow(""));
            }
            long lastLine = System.nanoTime();
            boolean ended = process.waitFor(waitMillis, TimeUnit.MILLISECONDS);
            long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastLine);
            if (!ended) {
                process.destroyForcibly().waitFor();
                return new Ended(false, -1, after, out.toString());
            }
            return new Ended(true, process.exitValue(), after, out + " stderr: " + err.get());
        }
    }
}
