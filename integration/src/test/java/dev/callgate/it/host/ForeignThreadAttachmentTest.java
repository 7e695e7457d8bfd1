package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.callgate.Attachment;
import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.fixtures.PosixThreads;
import dev.callgate.internal.GateSpec;
import dev.callgate.it.support.DiagnosticsFile;
import dev.callgate.it.support.Waits;
import dev.callgate.spi.OsBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreign native thread is attached once and stays attached across calls
 * (daemon, named {@code callgate-foreign-<tid>}, group {@code callgate-foreign}), and
 * {@link Attachment#DETACH_AFTER_EACH_CALL} keeps JNA's attach-per-call behaviour.
 *
 * <p>What detaches a kept thread: in JNA 5.19's {@code native/callback.c}, every thread that
 * enters a callback gets a {@code thread_storage} block under a {@code pthread} key created (by
 * {@code make_thread_data_key}) with the destructor {@code dispose_thread_data}, which calls
 * {@code DetachCurrentThread} when the native thread exits. (Older JNA did the same through
 * {@code jvm_detach_on_exit}/{@code detach_thread}.) The tests below watch that happen.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class ForeignThreadAttachmentTest {

    private static final Duration DETACH_WAIT = Duration.ofSeconds(10);

    private final OsBackend backend = LinuxHost.backend();

    @TempDir
    Path dir;

    /** What the body saw of the Java thread it ran on. */
    record SeenThread(Thread thread, String name, String group, boolean daemon, long nativeTid, boolean inProc) {}

    private SeenThread seeCurrentThread() {
        Thread t = Thread.currentThread();
        long tid = backend.currentNativeThreadId();
        return new SeenThread(t, t.getName(), t.getThreadGroup().getName(), t.isDaemon(), tid,
                LinuxHost.isThreadOfThisProcess(tid));
    }

    private static void assertForeignThreadShape(SeenThread seen) {
        assertEquals("callgate-foreign-" + seen.nativeTid(), seen.name(), "name gives the native thread id");
        assertEquals("callgate-foreign", seen.group(), "thread group");
        assertTrue(seen.daemon(), "an attached foreign thread must be a daemon, or it would keep the JVM alive");
        assertTrue(seen.inProc(), "native thread " + seen.nativeTid() + " was not in /proc/self/task");
    }

    @Test
    void oneGLibWorkerMaking100000CallsIsOneJavaThread() {
        int calls = 100_000;
        LongAdder runs = new LongAdder();
        Map<Thread, SeenThread> threads = new ConcurrentHashMap<>();
        GLibThreadPool.GFunc body = (data, userData) -> {
            runs.increment();
            threads.computeIfAbsent(Thread.currentThread(), t -> seeCurrentThread());
        };
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("attach.log"));
                GatedCallback<GLibThreadPool.GFunc> gated = GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(GLibThreadPool.GFunc.class, body)
                        .name("attach-once")::build)) {
            try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), 1)) {
                for (long i = 1; i <= calls; i++) {
                    pool.push(i);
                }
            } // close() waits for every item

            assertEquals(calls, runs.sum(), "body runs");
            assertEquals(calls, gated.stats().calls(), "gate calls");
            assertEquals(1, threads.size(), () -> "one native worker must be one Java thread, saw " + threads.values());
            assertEquals(1, gated.stats().foreignThreads(), "distinct foreign threads counted by the gate");
            assertForeignThreadShape(threads.values().iterator().next());
            assertEquals(1, diagnostics.lines().size(), () -> "WARN_ONCE (the default): " + diagnostics.lines());
        }
    }

    @Test
    void detachAfterEachCallMakesOneJavaThreadPerCall() {
        int calls = 200;
        Map<Thread, SeenThread> threads = new ConcurrentHashMap<>();
        GLibThreadPool.GFunc body = (data, userData) -> threads.put(Thread.currentThread(), seeCurrentThread());
        try (GatedCallback<GLibThreadPool.GFunc> gated = CallGate.builder(GLibThreadPool.GFunc.class, body)
                .name("attach-per-call").policy(Policy.ALLOW).attachment(Attachment.DETACH_AFTER_EACH_CALL).build()) {
            try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), 1)) {
                for (long i = 1; i <= calls; i++) {
                    pool.push(i);
                }
            }
            assertEquals(calls, gated.stats().calls(), "gate calls");
            assertEquals(calls, threads.size(), "JNA's attach-per-call gives a new java.lang.Thread every call");
            assertEquals(1, gated.stats().foreignThreads(), "one native thread, however often it was attached");
            long nativeThreads = threads.values().stream().mapToLong(SeenThread::nativeTid).distinct().count();
            assertEquals(1, nativeThreads, "all calls came from the one GLib worker");
            threads.values().forEach(ForeignThreadAttachmentTest::assertForeignThreadShape);
            // Each detach happens before the call returns to GLib; the short wait only absorbs scheduling.
            Waits.until(Duration.ofSeconds(2), () -> threads.keySet().stream().noneMatch(Thread::isAlive),
                    "every per-call thread to be detached",
                    () -> "alive: " + threads.keySet().stream().filter(Thread::isAlive).toList());
        }
    }

    @Test
    void liveThreadCountReturnsToBaselineOnceThePoolsWorkersExit() {
        int workers = 4;
        int calls = 400;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Set<Thread> attached = ConcurrentHashMap.newKeySet();
        LongAdder runs = new LongAdder();
        GLibThreadPool.GFunc body = (data, userData) -> {
            attached.add(Thread.currentThread());
            runs.increment();
        };
        try (GatedCallback<GLibThreadPool.GFunc> gated = CallGate.builder(GLibThreadPool.GFunc.class, body)
                .name("attach-until-exit").policy(Policy.ALLOW).build()) {
            int baseline = mx.getThreadCount(); // after build(): callgate's own first-use threads are already counted
            GLibThreadPool pool = GLibThreadPool.start(gated.callback(), workers);
            try {
                for (long i = 1; i <= calls; i++) {
                    pool.push(i);
                }
                Waits.until(Duration.ofSeconds(30), () -> runs.sum() == calls, calls + " body runs", runs::toString);
                // The workers idle in GLib but stay attached: the JVM lists them as live threads.
                assertTrue(attached.stream().allMatch(Thread::isAlive), "attached workers stay alive between calls");
                assertTrue(Thread.getAllStackTraces().keySet().containsAll(attached),
                        () -> "live threads must include the attached workers " + attached);
            } finally {
                pool.close(); // frees the pool; with no idle threads kept, the workers exit
            }
            Waits.until(DETACH_WAIT, () -> attached.stream().noneMatch(Thread::isAlive),
                    "JNA to detach every worker at native thread exit",
                    () -> "alive: " + attached.stream().filter(Thread::isAlive).toList());
            Waits.until(DETACH_WAIT, () -> mx.getThreadCount() <= baseline, "the live thread count to return to "
                    + baseline, () -> mx.getThreadCount() + " live: " + Thread.getAllStackTraces().keySet());
        }
    }

    @Test
    void rawPthreadIsDetachedByTheTimePthreadJoinReturns() {
        AtomicReference<SeenThread> seen = new AtomicReference<>();
        PosixThreads.StartRoutine body = arg -> {
            seen.set(seeCurrentThread());
            return new Pointer(Pointer.nativeValue(arg) + 1);
        };
        try (GatedCallback<PosixThreads.StartRoutine> gated = CallGate.builder(PosixThreads.StartRoutine.class, body)
                .name("pthread-start").policy(Policy.ALLOW).build()) {
            Pointer result = PosixThreads.runAndJoin(gated.callback(), new Pointer(41));

            assertEquals(42, Pointer.nativeValue(result), "pthread_join hands back what the gated routine returned");
            SeenThread thread = seen.get();
            assertForeignThreadShape(thread);
            // The key destructor runs during thread exit, before pthread_join can return.
            assertFalse(thread.thread().isAlive(), "the Java thread must be detached once pthread_join returned");
            // The kernel removes /proc/self/task/<tid> a moment after it wakes pthread_join.
            Waits.until(Duration.ofSeconds(2), () -> !LinuxHost.isThreadOfThisProcess(thread.nativeTid()),
                    "native thread " + thread.nativeTid() + " to leave /proc/self/task", () -> "still listed");
            assertEquals(1, gated.stats().foreignThreads(), "foreign threads");
        }
    }
}
