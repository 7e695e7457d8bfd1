package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.jna.Native;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Checks every native method of {@link LinuxLibC}'s holders against the C prototype from its
 * man page: each Java parameter and return type must be exactly as wide as the C type in the
 * data model the holder is for. The ILP32 holder is checked against 4-byte types here too, so a
 * 64-bit build host catches a mistake that would only crash on i386.
 */
class LinuxLibCSignatureTest {

    /** A C type, by the size it has in a data model. */
    private enum CType {
        VOID, INT, PID_T, LONG, SIZE_T, SSIZE_T, POINTER;

        int bytes(DataModel model) {
            switch (this) {
                case VOID:
                    return 0;
                case INT:
                case PID_T:
                    return 4; // pid_t is int on every Linux
                default:
                    return model.wordBytes;
            }
        }
    }

    /** The sizes of long, size_t and pointers, as the model defines them. */
    private enum DataModel {
        LP64(8), ILP32(4);

        final int wordBytes;

        DataModel(int wordBytes) {
            this.wordBytes = wordBytes;
        }
    }

    /** One C prototype: return type first, then the parameters. */
    private record Prototype(CType returns, CType... parameters) {}

    /** The prototypes, from write(2), gettid(2), syscall(2) and abort(3). */
    private static final Map<String, Prototype> MAN_PAGES = Map.of(
            "write", new Prototype(CType.SSIZE_T, CType.INT, CType.POINTER, CType.SIZE_T),
            "gettid", new Prototype(CType.PID_T),
            "syscall", new Prototype(CType.LONG, CType.LONG),
            "abort", new Prototype(CType.VOID));

    @Test
    void lp64HolderHasTheWidthsOfLp64() {
        assertWidths(LinuxLibC.Lp64.class, DataModel.LP64, Set.of("write", "syscall"));
    }

    @Test
    void ilp32HolderHasTheWidthsOfIlp32EvenOnA64BitHost() {
        assertWidths(LinuxLibC.Ilp32.class, DataModel.ILP32, Set.of("write", "syscall"));
    }

    @Test
    void gettidAndAbortHaveTheSameWidthsInBothModels() {
        for (DataModel model : DataModel.values()) {
            assertWidths(LinuxLibC.Gettid.class, model, Set.of("gettid"));
            assertWidths(LinuxLibC.AnyWidth.class, model, Set.of("abort"));
        }
    }

    /** What this JVM really binds: its pointer, size_t and C long sizes pick the holder. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void theHolderThisJvmBindsMatchesItsPointerAndSizeTSizes() {
        DataModel running = Native.POINTER_SIZE == 8 ? DataModel.LP64 : DataModel.ILP32;
        assertEquals(running.wordBytes, Native.SIZE_T_SIZE, "size_t and pointers have one width on Linux");
        assertEquals(running.wordBytes, Native.LONG_SIZE, "long and pointers have one width on Linux");
        assertEquals(running.name(), LinuxLibC.load().dataModel());
        Class<?> bound = running == DataModel.LP64 ? LinuxLibC.Lp64.class : LinuxLibC.Ilp32.class;
        assertWidths(bound, running, Set.of("write", "syscall"));
    }

    @Test
    void everyNativeMethodIsInAHolderAndHasAManPagePrototype() {
        List<String> found = new ArrayList<>();
        for (Class<?> holder : LinuxLibC.class.getDeclaredClasses()) {
            for (Method m : holder.getDeclaredMethods()) {
                if (Modifier.isNative(m.getModifiers())) {
                    found.add(m.getName());
                    assertNotNull(MAN_PAGES.get(m.getName()), "no prototype checked for " + m);
                    assertEquals(true, Modifier.isStatic(m.getModifiers()), "direct mapping needs static: " + m);
                }
            }
        }
        for (Method m : LinuxLibC.class.getDeclaredMethods()) {
            assertFalse(Modifier.isNative(m.getModifiers()), "natives belong in a holder, not in LinuxLibC: " + m);
        }
        assertEquals(Set.copyOf(MAN_PAGES.keySet()), new HashSet<>(found));
    }

    private static void assertWidths(Class<?> holder, DataModel model, Set<String> expectedNames) {
        Set<String> names = new HashSet<>();
        for (Method method : holder.getDeclaredMethods()) {
            if (!Modifier.isNative(method.getModifiers())) {
                continue;
            }
            names.add(method.getName());
            Prototype c = MAN_PAGES.get(method.getName());
            if (c == null) {
                fail("no man-page prototype to check " + method + " against");
            }
            String where = holder.getSimpleName() + "." + method.getName() + " in " + model;
            assertEquals(c.returns().bytes(model), javaBytes(method.getReturnType()), where + ": return width");
            Class<?>[] parameters = method.getParameterTypes();
            assertEquals(c.parameters().length, parameters.length,
                    where + ": parameter count " + Arrays.toString(parameters));
            for (int i = 0; i < parameters.length; i++) {
                assertEquals(c.parameters()[i].bytes(model), javaBytes(parameters[i]),
                        where + ": width of parameter " + i + " (C " + c.parameters()[i] + ")");
            }
        }
        assertEquals(expectedNames, names, holder.getSimpleName() + " declares exactly these functions");
    }

    /** Bytes JNA passes for a primitive Java type; anything else would need a conversion. */
    private static int javaBytes(Class<?> type) {
        if (type == void.class) {
            return 0;
        }
        if (type == int.class) {
            return Integer.BYTES;
        }
        if (type == long.class) {
            return Long.BYTES;
        }
        throw new AssertionError("only int, long and void are allowed on the write path, found " + type);
    }
}
