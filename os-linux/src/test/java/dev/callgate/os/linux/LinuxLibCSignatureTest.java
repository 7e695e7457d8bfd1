package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import dev.callgate.spi.contract.CDataModel;
import dev.callgate.spi.contract.CPrototype;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Checks by reflection that every native method of {@link LinuxLibC}'s holders passes values of
 * the widths its C prototype has in the data model the holder is for. The ILP32 holder is checked
 * against 4-byte types here too, so a 64-bit build host catches a mistake that would only crash
 * on i386. Function pointers are written as {@code void *}, which is their width.
 */
class LinuxLibCSignatureTest {

    private static final Map<String, CPrototype> PROTOTYPES = Map.of(
            "write", CPrototype.parse("ssize_t write(int fd, const void *buf, size_t count);"),
            "syscall", CPrototype.parse("long syscall(long number);"),
            "gettid", CPrototype.parse("pid_t gettid(void);"),
            "abort", CPrototype.parse("void abort(void);"),
            "on_exit", CPrototype.parse("int on_exit(void *function, void *arg);"),
            "__cxa_atexit", CPrototype.parse("int __cxa_atexit(void *func, void *arg, void *dso_handle);"),
            // off_t is a C long on Linux in both data models (the mmap symbol, not mmap64)
            "mmap", CPrototype.parse("void *mmap(void *addr, size_t length, int prot, int flags, int fd, long offset);"),
            "mprotect", CPrototype.parse("int mprotect(void *addr, size_t len, int prot);"));

    /** The holders and the data models each is bound in. */
    private static final Map<Class<?>, List<CDataModel>> HOLDERS = Map.of(
            LinuxLibC.Lp64.class, List.of(CDataModel.LP64),
            LinuxLibC.Ilp32.class, List.of(CDataModel.ILP32),
            LinuxLibC.Gettid.class, List.of(CDataModel.LP64, CDataModel.ILP32),
            LinuxLibC.AnyWidth.class, List.of(CDataModel.LP64, CDataModel.ILP32),
            LinuxLibC.ExitHandlers.class, List.of(CDataModel.LP64, CDataModel.ILP32));

    @Test
    void everyHolderMatchesItsPrototypesInTheModelsItIsBoundIn() {
        HOLDERS.forEach((holder, models) -> {
            for (Method m : natives(holder)) {
                for (CDataModel model : models) {
                    assertEquals(List.of(), PROTOTYPES.get(m.getName()).mismatches(m, model),
                            holder.getSimpleName() + "." + m.getName() + " in " + model);
                }
            }
        });
    }

    @Test
    void everyNativeIsStaticInAHolderAndHasAPrototype() {
        Map<String, Integer> found = new HashMap<>();
        for (Class<?> holder : LinuxLibC.class.getDeclaredClasses()) {
            for (Method m : natives(holder)) {
                assertTrue(HOLDERS.containsKey(holder), "unchecked holder " + holder);
                assertTrue(PROTOTYPES.containsKey(m.getName()), "no prototype for " + m);
                assertTrue(Modifier.isStatic(m.getModifiers()), "direct mapping needs static: " + m);
                found.merge(m.getName(), 1, Integer::sum);
            }
        }
        assertFalse(natives(LinuxLibC.class).iterator().hasNext(), "natives belong in a holder");
        assertEquals(PROTOTYPES.keySet(), found.keySet());
    }

    /** What this JVM binds: its pointer, size_t and C long widths are one. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void thisJvmHasOneWidthForPointersSizeTAndLong() {
        assertEquals(Native.POINTER_SIZE, Native.SIZE_T_SIZE);
        assertEquals(Native.POINTER_SIZE, Native.LONG_SIZE);
    }

    private static List<Method> natives(Class<?> holder) {
        List<Method> natives = new ArrayList<>();
        for (Method m : holder.getDeclaredMethods()) {
            if (Modifier.isNative(m.getModifiers())) {
                natives.add(m);
            }
        }
        return natives;
    }
}
