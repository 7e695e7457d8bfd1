package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Attachment;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.PosixThreads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A library that makes a new native thread per task: more distinct threads than a gate counts
 * exactly (1,024), each attached for one call. {@code foreignThreads()} is then the documented
 * estimate (a few percent off), while each gate's memory for it stays bounded (checked in
 * {@code DistinctThreadCountTest}).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(300)
class ForeignThreadCountTest {

    private final dev.callgate.spi.OsBackend backend = LinuxHost.backend();

    @Test
    void moreThreadsThanCountedExactlyGiveAnEstimateWithinTenPercent() {
        int threads = 1_500;
        Set<Long> tids = ConcurrentHashMap.newKeySet();
        try (GatedCallback<PosixThreads.StartRoutine> gated = CallGate.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> {
                    tids.add(backend.currentNativeThreadId());
                    return null;
                }).name("thread-per-task").policy(Policy.ALLOW).attachment(Attachment.DETACH_AFTER_EACH_CALL).build()) {
            for (int i = 0; i < threads; i++) {
                PosixThreads.runAndJoin(gated.callback(), null);
            }
            CallbackStats stats = gated.stats();
            assertEquals(threads, stats.foreignCalls(), stats::toString);
            long distinct = tids.size(); // Linux may hand a joined thread's id to a later one
            assertTrue(distinct > 1_024, () -> "only " + distinct + " distinct thread ids: nothing past the exact count");
            double error = Math.abs(stats.foreignThreads() - distinct) / (double) distinct;
            // The sketch's standard error is about 3 % (1,024 registers); 10 % failed about once in a
            // thousand runs of sequential ids. 15 % is five standard errors: a failure means a wrong sketch.
            assertTrue(error < 0.15, () -> distinct + " distinct threads counted as " + stats.foreignThreads());
            assertTrue(stats.foreignThreads() >= 1_024, "never below the exact count");
        }
    }
}
