package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.LibC;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native thread that raw JNI attached ({@code AttachCurrentThread}, in a tiny C library this test
 * compiles with gcc) calls a Java method, which calls native code ({@code qsort}) that calls a gated
 * JNA callback back on the same thread. JNA finds the thread already attached, so nothing about
 * the call looks like JNA's own attach, but the thread was not created by the JVM: it is foreign,
 * and REJECT keeps the body from running.
 */
@EnabledOnOs(OS.LINUX)
class JniAttachedThreadTest {

    interface AttachAndCall extends Library {
        /** {@code int callgate_test_run_attached(const char *class_name, const char *method)} */
        int callgate_test_run_attached(String className, String method);
    }

    private static final int INTS = 64;
    private static final AtomicLong BODY_RUNS = new AtomicLong();
    private static GatedCallback<LibC.Comparator> comparator;
    private static AttachAndCall native_;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        Path source = Path.of("src/test/c/attach_and_call.c").toAbsolutePath();
        Path library = dir.resolve("libattachcall.so");
        Path javaHome = Path.of(System.getProperty("java.home"));
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", library.toString(), source.toString(),
                "-I" + javaHome.resolve("include"), "-I" + javaHome.resolve("include/linux"), "-lpthread", "-ldl")
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0,
                "gcc could not build the JNI caller (needs gcc and the JDK's include/ directory): " + output);
        assertTrue(Files.isRegularFile(library));
        native_ = Native.load(library.toString(), AttachAndCall.class);
    }

    /** Runs on the JNI-attached native thread. */
    static void sortOnThisThread() {
        Memory ints = new Memory((long) INTS * Integer.BYTES);
        for (int i = 0; i < INTS; i++) {
            ints.setInt((long) i * Integer.BYTES, INTS - i);
        }
        LibC.load().qsort(ints, new LibC.SizeT(INTS), new LibC.SizeT(Integer.BYTES), comparator.callback());
    }

    @BeforeEach
    void noBodyRunYet() {
        BODY_RUNS.set(0);
    }

    @Test
    void aThreadAttachedThroughJniIsForeign() {
        comparator = CallGate.builder(LibC.Comparator.class, (LibC.Comparator) (a, b) -> {
            BODY_RUNS.incrementAndGet();
            return Integer.compare(a.getInt(0), b.getInt(0));
        }).name("jni-attached-compare").policy(Policy.REJECT).build();
        try (GatedCallback<LibC.Comparator> handle = comparator) {
            int status = native_.callgate_test_run_attached(
                    JniAttachedThreadTest.class.getName().replace('.', '/'), "sortOnThisThread");

            assertEquals(0, status, "the JNI caller's status (1: no VM, 2: attach failed, 3: method not found, 4: threw)");
            CallbackStats stats = comparator.stats();
            assertTrue(stats.calls() > 0, stats::toString);
            assertEquals(stats.calls(), stats.foreignCalls(), "every comparison came on the JNI-attached thread");
            assertEquals(stats.calls(), stats.rejected(), stats::toString);
            assertEquals(0, BODY_RUNS.get(), "REJECT let a foreign call through");
            assertEquals(1, stats.foreignThreads());
        }
    }

    @Test
    void theSameSortOnTheTestThreadIsNotForeign() {
        comparator = CallGate.builder(LibC.Comparator.class, (LibC.Comparator) (a, b) -> {
            BODY_RUNS.incrementAndGet();
            return Integer.compare(a.getInt(0), b.getInt(0));
        }).name("jvm-compare").policy(Policy.REJECT).build();
        try (GatedCallback<LibC.Comparator> handle = comparator) {
            sortOnThisThread();
            assertEquals(0, comparator.stats().foreignCalls(), List.of(comparator.stats()).toString());
            assertTrue(BODY_RUNS.get() > 0);
        }
    }
}
