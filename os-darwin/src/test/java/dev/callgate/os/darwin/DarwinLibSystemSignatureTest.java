package dev.callgate.os.darwin;

import dev.callgate.spi.contract.CDataModel;
import dev.callgate.spi.contract.CPrototype;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks by reflection that every function {@link DarwinLibSystem} maps passes values of the
 * sizes its macOS man page declares. No native code is loaded.
 */
class DarwinLibSystemSignatureTest {

    /** The prototypes from write(2), pthread_threadid_np(3) and abort(3) on macOS. */
    private static final Map<String, CPrototype> MAN_PAGES = Map.of(
            "write", CPrototype.parse("ssize_t write(int fildes, const void *buf, size_t nbyte);"),
            "pthread_threadid_np", CPrototype.parse("int pthread_threadid_np(pthread_t thread, uint64_t *thread_id);"),
            "abort", CPrototype.parse("void abort(void);"));

    private static Map<String, Method> nativeMethods(Class<?> binding) {
        return Arrays.stream(binding.getDeclaredMethods())
                .filter(m -> Modifier.isNative(m.getModifiers()))
                .collect(Collectors.toMap(Method::getName, m -> m));
    }

    @Test
    void everyMappedFunctionHasItsManPagePrototype() {
        assertEquals(MAN_PAGES.keySet(), nativeMethods(DarwinLibSystem.class).keySet());
    }

    @Test
    void everyMappingMatchesTheLp64SizesOfMacOs() {
        nativeMethods(DarwinLibSystem.class).forEach((name, method) ->
                assertEquals(List.of(), MAN_PAGES.get(name).mismatches(method, CDataModel.LP64)));
    }

    @Test
    void threadIdMappingIsRightOnBothWidths() {
        Method threadId = nativeMethods(DarwinLibSystem.class).get("pthread_threadid_np");
        for (CDataModel model : List.of(CDataModel.ILP32, CDataModel.LP64)) {
            assertEquals(List.of(), MAN_PAGES.get("pthread_threadid_np").mismatches(threadId, model), model.name());
        }
    }

    /** Why the provider turns 32-bit down: this write mapping would be wrong there. */
    @Test
    void writeIsLp64OnlyAndTheProviderRejects32BitArchitectures() {
        Method write = nativeMethods(DarwinLibSystem.class).get("write");
        List<String> ilp32 = MAN_PAGES.get("write").mismatches(write, CDataModel.ILP32);
        assertEquals(3, ilp32.size(), "buf, nbyte and the result are 4 bytes on ILP32: " + ilp32);
        DarwinBackendProvider provider = new DarwinBackendProvider();
        for (String arch : List.of("i386", "x86", "ppc")) {
            assertFalse(provider.match("Mac OS X", arch).serves(), arch);
        }
    }

    @Test
    void theCheckCatchesAWrongWidth() throws Exception {
        Method wrong = WrongMapping.class.getDeclaredMethod("write", int.class, Pointer.class, int.class);
        List<String> problems = MAN_PAGES.get("write").mismatches(wrong, CDataModel.LP64);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("return value"), problems.get(0));
        assertTrue(problems.get(1).contains("parameter 3"), problems.get(1));
    }

    /** A mapping with 4-byte ssize_t and size_t, as a 32-bit habit would write it. */
    private static final class WrongMapping {
        @SuppressWarnings("unused")
        static native int write(int fildes, Pointer buf, int nbyte);
    }
}
