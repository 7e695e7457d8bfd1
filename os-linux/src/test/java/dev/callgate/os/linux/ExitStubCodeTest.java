package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The exit guard's handler code, run for real on this CPU (the matrix runs it on amd64, arm64 and
 * i386): called as glibc calls an {@code on_exit} handler, {@code (int status, void *block)}, it
 * tail-calls the block's function with the same status while the flag is set, and returns without
 * calling it while the flag is clear. A JNA callback stands in for {@code _exit}.
 */
@EnabledOnOs(OS.LINUX)
class ExitStubCodeTest {

    /** {@code void (*)(int, void *)}, as {@code _exit} is called by the handler. */
    public interface StatusTaker extends Callback {
        void invoke(int status, Pointer unused);
    }

    @Test
    void theHandlerCallsTheBlocksFunctionWithTheStatusOnlyWhileArmed() {
        assumeTrue(LinuxExitGuard.describe() != null, "this C library has no on_exit (musl): no exit guard");
        Pointer code = LinuxExitGuard.handlerCode();
        assertNotNull(code, "this CPU has handler code, and the page was made executable: "
                + LinuxExitGuard.describe());
        List<Integer> seen = new ArrayList<>();
        StatusTaker target = (status, unused) -> seen.add(status);
        Memory block = new Memory(2L * Native.POINTER_SIZE);
        word(block, 1, Pointer.nativeValue(CallbackReference.getFunctionPointer(target)));
        Function handler = Function.getFunction(code);

        word(block, 0, 0);
        handler.invoke(void.class, new Object[] {-5, block});
        assertEquals(List.of(), seen, "disarmed: the handler returns");

        word(block, 0, 1);
        handler.invoke(void.class, new Object[] {-5, block});
        handler.invoke(void.class, new Object[] {42, block});
        assertEquals(List.of(-5, 42), seen, "armed: the handler passes the status on, untouched");
    }

    @Test
    void anArchitectureWithoutHandlerCodeGetsNone() {
        assertNull(ExitStubCode.forArch("riscv64"));
        assertNull(ExitStubCode.forArch(null));
        assertEquals(16, ExitStubCode.forArch("amd64").length);
        assertEquals(18, ExitStubCode.forArch("x86").length);
        assertEquals(20, ExitStubCode.forArch("aarch64").length);
    }

    private static void word(Memory block, int index, long value) {
        if (Native.POINTER_SIZE == 8) {
            block.setLong(8L * index, value);
        } else {
            block.setInt(4L * index, (int) value);
        }
    }
}
