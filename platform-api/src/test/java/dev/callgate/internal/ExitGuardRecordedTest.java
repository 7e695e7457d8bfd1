package dev.callgate.internal;

import dev.callgate.internal.ExitGuard.Mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.OsBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exit guard's mode parsing, its doctor line, and its record of kept-attached threads, against a recording backend (no native guard). */
class ExitGuardRecordedTest {

    private final String launcher = System.getProperty("sun.java.launcher");

    @AfterEach
    void restore() {
        System.clearProperty(CallbackGate.EXIT_GUARD_PROPERTY);
        if (launcher == null) {
            System.clearProperty("sun.java.launcher");
        } else {
            System.setProperty("sun.java.launcher", launcher);
        }
    }

    @Test
    void theDocumentedValuesAndTheirSynonyms() {
        assertEquals(ExitGuard.Mode.AUTO, ExitGuard.Mode.parse(null));
        assertEquals(ExitGuard.Mode.AUTO, ExitGuard.Mode.parse(" "));
        assertEquals(ExitGuard.Mode.AUTO, ExitGuard.Mode.parse("auto"));
        assertEquals(ExitGuard.Mode.AUTO, ExitGuard.Mode.parse("TRUE"));
        assertEquals(ExitGuard.Mode.ALWAYS, ExitGuard.Mode.parse("Always"));
        assertEquals(ExitGuard.Mode.OFF, ExitGuard.Mode.parse("off"));
        assertEquals(ExitGuard.Mode.OFF, ExitGuard.Mode.parse(" false "));
    }

    @Test
    void anythingElseNamesThePropertyTheValueAndTheAllowedValues() {
        for (String bad : new String[] {"0", "no", "maybe", "on", "yes"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExitGuard.Mode.parse(bad));
            assertTrue(e.getMessage().startsWith("-Dcallgate.exitGuard=" + bad + " is not one of auto"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(ExitGuard.Mode.ALLOWED), e.getMessage());
        }
    }

    @Test
    void doctorSaysOffAndWhy() {
        System.setProperty(CallbackGate.EXIT_GUARD_PROPERTY, "off");
        assertTrue(ExitGuard.status(new GuardedBackend(), Mode.OFF).startsWith("off (-Dcallgate.exitGuard=off)"));
    }

    @Test
    void doctorSaysAnEmbeddedJvmIsNotArmedUnlessAsked() {
        System.clearProperty("sun.java.launcher");
        assertEquals("not armed: embedded JVM (no java launcher), so the host's exit work always runs;"
                + " -Dcallgate.exitGuard=always arms it", ExitGuard.status(new GuardedBackend(), Mode.AUTO));
        assertTrue(ExitGuard.status(new GuardedBackend(), Mode.ALWAYS).startsWith("always: "));
    }

    @Test
    void doctorSaysWhenThereIsNoGuard() {
        System.setProperty("sun.java.launcher", "SUN_STANDARD");
        assertEquals("auto: none on recorded", ExitGuard.status(FakeProvider.idOnlyBackend("recorded"), Mode.AUTO));
    }

    @Test
    void aKeptAttachedThreadArmsOnceAndIsCountedWhileAlive() throws InterruptedException {
        System.setProperty("sun.java.launcher", "SUN_STANDARD");
        GuardedBackend backend = new GuardedBackend();
        ExitGuard.gateBuilt(backend, Mode.AUTO);
        CountDownLatch release = new CountDownLatch(1);
        Thread kept = new Thread(() -> awaitQuietly(release), "kept");
        kept.start();
        int before = ExitGuard.keptAliveCount();
        ExitGuard.keptAttached(kept, backend);
        ExitGuard.keptAttached(kept, backend); // another gate, the same thread
        assertEquals(List.of(true), backend.arms, "armed once per new thread");
        assertEquals(before + 1, ExitGuard.keptAliveCount());
        assertTrue(ExitGuard.status(backend, Mode.AUTO).startsWith("auto: armed now: "), ExitGuard.status(backend, Mode.AUTO));
        release.countDown();
        kept.join();
        assertEquals(before, ExitGuard.keptAliveCount());
    }

    @Test
    void offAndEmbeddedRecordNothingAndArmNothing() {
        GuardedBackend backend = new GuardedBackend();
        ExitGuard.gateBuilt(backend, Mode.OFF);
        ExitGuard.keptAttached(Thread.currentThread(), backend);
        System.clearProperty("sun.java.launcher");
        ExitGuard.gateBuilt(backend, Mode.AUTO);
        ExitGuard.keptAttached(Thread.currentThread(), backend);
        assertEquals(List.of(), backend.arms);
    }

    @Test
    void theRecordStaysBoundedWhenThreadsEndButStayReachable() throws InterruptedException {
        KeptThreads kept = new KeptThreads();
        List<Thread> reachable = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Thread t = new Thread(() -> { });
            t.start();
            t.join();
            reachable.add(t);
            kept.record(t);
            assertTrue(kept.size() <= KeptThreads.FIRST_PRUNE, () -> "holds " + kept.size());
        }
        assertEquals(0, kept.aliveCount());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A backend with a guard that records how it is armed. */
    private static final class GuardedBackend implements OsBackend {
        final List<Boolean> arms = new ArrayList<>();

        @Override
        public String exitGuard() {
            return "test guard";
        }

        @Override
        public synchronized void armExitGuard(boolean armed) {
            arms.add(armed);
        }

        @Override
        public String id() {
            return "guarded";
        }

        @Override
        public DiagnosticWriter stderr() {
            throw new UnsupportedOperationException();
        }

        @Override
        public DiagnosticWriter writerTo(long target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long currentNativeThreadId() {
            return 1;
        }

        @Override
        public void abort() {
            throw new UnsupportedOperationException();
        }
    }
}
