package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JNA {@link Structure} as a callback's default value reaches native code with the fields the
 * application set, by value and by pointer, and with the fields as they are at each return. JNA
 * never writes a callback's result structure to its native memory, so an unwritten default reads
 * as zeros on the C side. The C callers ({@code src/test/c/struct_callback.c}) are compiled with gcc.
 */
@EnabledOnOs(OS.LINUX)
class StructDefaultValueTest {

    /** {@code typedef struct { int a; int b; } pair;} */
    @Structure.FieldOrder({"a", "b"})
    public static class Pair extends Structure {
        public int a;
        public int b;

        public static class ByValue extends Pair implements Structure.ByValue {}

        public static class ByReference extends Pair implements Structure.ByReference {}
    }

    public interface PairByValue extends Callback {
        Pair.ByValue make(int x);
    }

    public interface PairByReference extends Callback {
        Pair.ByReference make(int x);
    }

    interface StructCallers extends Library {
        int callgate_test_by_value(PairByValue cb);

        int callgate_test_by_ref(PairByReference cb);

        int callgate_test_by_value_on_new_thread(PairByValue cb);
    }

    private static StructCallers native_;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        Path source = Path.of("src/test/c/struct_callback.c").toAbsolutePath();
        Path library = dir.resolve("libstructcallback.so");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", library.toString(), source.toString(),
                "-lpthread").redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed: " + output);
        native_ = Native.load(library.toString(), StructCallers.class);
    }

    private static <P extends Pair> P pair(P pair, int a, int b) {
        pair.a = a;
        pair.b = b; // fields set, never written: what an application naturally does
        return pair;
    }

    @Test
    void aByValueDefaultOfAThrowingBodyReachesNativeCodeWithItsFields() {
        Pair.ByValue fallback = pair(new Pair.ByValue(), 4, 2);
        try (GatedCallback<PairByValue> gated = CallGate.builder(PairByValue.class, (PairByValue) x -> {
            throw new IllegalStateException("no pair for " + x);
        }).name("pair-by-value").defaultValue(fallback).build()) {
            assertEquals(4002, native_.callgate_test_by_value(gated.callback()));
            fallback.a = 5; // the application changes its default later
            assertEquals(5002, native_.callgate_test_by_value(gated.callback()), "the later change reaches native code");
        }
    }

    @Test
    void aByReferenceDefaultReachesNativeCodeWithItsFields() {
        Pair.ByReference fallback = pair(new Pair.ByReference(), 3, 9);
        try (GatedCallback<PairByReference> gated = CallGate.builder(PairByReference.class, (PairByReference) x -> {
            throw new IllegalStateException("no pair for " + x);
        }).name("pair-by-reference").defaultValue(fallback).build()) {
            assertEquals(3009, native_.callgate_test_by_ref(gated.callback()));
            fallback.b = 8;
            assertEquals(3008, native_.callgate_test_by_ref(gated.callback()), "the later change reaches native code");
        }
    }

    @Test
    void aRejectedForeignCallGetsTheDefaultsFields() {
        Pair.ByValue fallback = pair(new Pair.ByValue(), 6, 1);
        try (GatedCallback<PairByValue> gated = CallGate.builder(PairByValue.class, (PairByValue) x -> pair(
                new Pair.ByValue(), 9, 9)).name("pair-rejected").policy(Policy.REJECT).defaultValue(fallback).build()) {
            assertEquals(6001, native_.callgate_test_by_value_on_new_thread(gated.callback()));
            assertEquals(1, gated.stats().rejected(), gated.stats()::toString);
        }
    }
}
