package dev.callgate.os.freebsd;

import dev.callgate.spi.contract.CDataModel;
import dev.callgate.spi.contract.CPrototype;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.callgate.spi.BackendUnavailableException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks by reflection that both variants of {@link FreeBsdLibC} pass values of the sizes the
 * FreeBSD man pages declare, each in its own data model, and that the right variant is picked. No
 * native code is loaded.
 */
class FreeBsdLibCSignatureTest {

    /** The prototypes from write(2), thr_self(2) and abort(3) on FreeBSD. */
    private static final Map<String, CPrototype> MAN_PAGES = Map.of(
            "write", CPrototype.parse("ssize_t write(int fd, const void *buf, size_t nbytes);"),
            "thr_self", CPrototype.parse("int thr_self(long *id);"),
            "abort", CPrototype.parse("void abort(void);"));

    /** The variant made for each data model. */
    private static final Map<CDataModel, Class<?>> VARIANTS =
            Map.of(CDataModel.LP64, FreeBsdLibC.Lp64.class, CDataModel.ILP32, FreeBsdLibC.Ilp32.class);

    private static Map<String, Method> nativeMethods(Class<?> binding) {
        return Arrays.stream(binding.getDeclaredMethods())
                .filter(m -> Modifier.isNative(m.getModifiers()))
                .collect(Collectors.toMap(Method::getName, m -> m));
    }

    @ParameterizedTest
    @EnumSource(value = CDataModel.class, names = {"LP64", "ILP32"})
    void everyFunctionOfAVariantMatchesItsManPageInItsDataModel(CDataModel model) {
        Map<String, Method> natives = nativeMethods(VARIANTS.get(model));
        assertEquals(MAN_PAGES.keySet(), natives.keySet(), "every mapped function has its prototype");
        natives.forEach((name, method) -> assertEquals(List.of(), MAN_PAGES.get(name).mismatches(method, model)));
    }

    @Test
    void theVariantsAreNotInterchangeable() {
        Map<String, Method> lp64 = nativeMethods(FreeBsdLibC.Lp64.class);
        Map<String, Method> ilp32 = nativeMethods(FreeBsdLibC.Ilp32.class);
        assertEquals(3, MAN_PAGES.get("write").mismatches(lp64.get("write"), CDataModel.ILP32).size());
        assertEquals(3, MAN_PAGES.get("write").mismatches(ilp32.get("write"), CDataModel.LP64).size());
        assertFalse(MAN_PAGES.get("thr_self").mismatches(lp64.get("thr_self"), CDataModel.ILP32).isEmpty(),
                "long[] is wrong for a 4-byte long");
        assertFalse(MAN_PAGES.get("thr_self").mismatches(ilp32.get("thr_self"), CDataModel.LP64).isEmpty(),
                "int[] is wrong for an 8-byte long");
    }

    @Test
    void sizeOfSizeTPicksTheVariant() {
        assertSame(FreeBsdLibC.Lp64.class, FreeBsdLibC.bindingFor(8));
        assertSame(FreeBsdLibC.Ilp32.class, FreeBsdLibC.bindingFor(4));
        assertThrows(BackendUnavailableException.class, () -> FreeBsdLibC.bindingFor(2));
    }
}
