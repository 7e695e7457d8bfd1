package dev.callgate.os.plan9sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** exits: the status string, the kernel's exit hook, and a process that is gone. */
class ExitsTest {

    private final Plan9Kernel kernel = Plan9Kernel.boot(new CapturedConsole());
    private final List<String> reported = new ArrayList<>();
    private final List<Plan9Process> who = new ArrayList<>();

    ExitsTest() {
        kernel.setExitHook((process, status) -> {
            who.add(process);
            reported.add(status);
        });
    }

    @Test
    void aRunningProcessHasNoStatus() {
        Plan9Process process = kernel.spawn("p");
        assertFalse(process.hasExited());
        assertNull(process.exitStatus());
    }

    @Test
    void theStatusStringReachesTheHook() {
        Plan9Process process = kernel.spawn("p");
        process.exits("disk on fire");
        assertTrue(process.hasExited());
        assertEquals("disk on fire", process.exitStatus());
        assertEquals(List.of("disk on fire"), reported);
        assertSame(process, who.get(0));
    }

    @Test
    void nullAndEmptyMeanSuccess() {
        Plan9Process quiet = kernel.spawn("quiet");
        Plan9Process empty = kernel.spawn("empty");
        quiet.exits(null);
        empty.exits("");
        assertEquals("", quiet.exitStatus());
        assertEquals(List.of("", ""), reported);
    }

    @Test
    void onlyTheFirstExitCounts() {
        Plan9Process process = kernel.spawn("p");
        process.exits("first");
        process.exits("second");
        assertEquals("first", process.exitStatus());
        assertEquals(List.of("first"), reported);
    }

    @Test
    void callsAfterExitFailWithProcessExited() {
        Plan9Process process = kernel.spawn("p");
        process.exits("");
        assertEquals(-1, process.pwrite(2, Bytes.of("x"), 1, -1));
        assertEquals("process exited", process.errstr());
        assertEquals(-1, process.open("/dev/cons", OpenMode.OWRITE));
        assertEquals("process exited", process.errstr());
    }

    @Test
    void otherProcessesOfTheKernelLiveOn() {
        Plan9Process gone = kernel.spawn("gone");
        Plan9Process alive = kernel.spawn("alive");
        gone.exits("bye");
        assertEquals(1, alive.pwrite(1, Bytes.of("x"), 1, -1));
    }
}
