package dev.callgate.os.linux;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.callgate.spi.BackendUnavailableException;

/**
 * The glibc exit guard: a conditional {@code on_exit} handler that ends the process with
 * {@code _exit(status)} while armed and returns otherwise.
 *
 * <p>The handler is a few bytes of machine code ({@link ExitStubCode}) in one private page, written
 * while the page is read-write, then made read-execute with {@code mprotect} (the way libffi and
 * JNA make trampolines). On arm64 Linux the kernel makes the instruction cache coherent when a
 * user page becomes executable ({@code set_pte_at} calls {@code __sync_icache_dcache}), so no
 * explicit cache flush is needed. Its argument is a block of two pointer-sized words in native
 * memory, {@code [flag][address of _exit]}; arming writes the flag from Java, no native call.
 *
 * <p>Nothing is registered until the first {@link #arm arm(true)}: then {@code on_exit(handler,
 * block)} and, after it, {@code __cxa_atexit(fflush, NULL, NULL)}. glibc runs run-time exit handlers
 * in reverse order of registration, before {@code _dl_fini} runs the libraries' destructors; so
 * {@code exit(status)} runs the handlers registered later, then {@code fflush(NULL)}, then the
 * handler: armed, it ends the process and skips the handlers registered before it (libraries'
 * {@code atexit} handlers and C++ static destructors registered earlier) and every shared
 * library's destructor; disarmed, exit goes on as if the guard were absent.
 *
 * <p>Where callgate has no handler code for the architecture, or the page cannot be made
 * executable, the first {@code arm(true)} registers {@code on_exit(_exit, NULL)} itself, which
 * cannot be disarmed. On a C library without {@code on_exit} (musl) there is no guard.
 */
final class LinuxExitGuard {

    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int PROT_EXEC = 0x4;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20; // x86 and the asm-generic value aarch64 uses

    // all guarded by LinuxExitGuard.class
    private static boolean prepared;
    private static String description; // null: no guard on this C library
    private static String fallbackWhy; // null: the conditional handler
    private static Function exit;
    private static Function fflush;
    private static Pointer handler; // the handler's code; null in the fallback
    private static Memory block; // [flag][_exit], never freed: exit(3) reads it
    private static boolean registered;

    private LinuxExitGuard() {
    }

    /**
     * Prepares the guard once (binds the calls, writes the handler's page) and describes it;
     * registers nothing.
     *
     * @return one line, or {@code null} on a C library without {@code on_exit}
     */
    static synchronized String describe() {
        if (!prepared) {
            prepare();
            prepared = true;
        }
        if (description == null) {
            return null;
        }
        return description + (registered ? "; registered" : "; nothing registered yet");
    }

    /**
     * Arms or disarms the guard; the first {@code true} registers it.
     *
     * @throws BackendUnavailableException if glibc refuses the registration
     */
    static synchronized void arm(boolean armed) {
        if (describe() == null) {
            return;
        }
        if (handler != null) {
            setWord(0, armed ? 1 : 0); // before registering: an exit between the two sees the flag
        }
        if (armed && !registered) {
            register();
        }
    }

    /** The conditional handler's code, or {@code null} in the fallback; for the tests that run it. */
    static synchronized Pointer handlerCode() {
        describe();
        return handler;
    }

    private static void prepare() {
        LinuxLibC.load();
        NativeLibrary c = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        try {
            c.getFunction("on_exit");
        } catch (UnsatisfiedLinkError notGlibc) {
            return;
        }
        Native.register(LinuxLibC.ExitHandlers.class, c);
        exit = c.getFunction("_exit");
        fflush = c.getFunction("fflush");
        String arch = System.getProperty("os.arch");
        byte[] code = ExitStubCode.forArch(arch);
        if (code == null) {
            fallbackWhy = "callgate has no exit handler code for os.arch " + arch;
        } else {
            handler = executablePage(code);
        }
        if (handler != null) {
            block = new Memory(2L * Native.POINTER_SIZE);
            setWord(0, 0);
            setWord(1, Pointer.nativeValue(exit));
            description = "glibc on_exit handler that calls _exit(status) only while armed (" + arch + " code in"
                    + " one executable page), with __cxa_atexit(fflush) after it, registered at the first"
                    + " kept-attached foreign thread";
        } else {
            description = "fallback: glibc on_exit(_exit) with __cxa_atexit(fflush), registered at the first"
                    + " kept-attached foreign thread and armed for good from then on (" + fallbackWhy + ")";
        }
    }

    /** The code in a page of its own, read and execute only; {@code null} (and why) if refused. */
    private static Pointer executablePage(byte[] code) {
        NativeLong length = new NativeLong(code.length);
        Pointer page = LinuxLibC.ExitHandlers.mmap(null, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                -1, new NativeLong(0));
        long address = Pointer.nativeValue(page);
        if (page == null || address == -1 || address == 0xFFFF_FFFFL) {
            fallbackWhy = "mmap refused a page for the exit handler, errno " + Native.getLastError();
            return null;
        }
        page.write(0, code, 0, code.length);
        if (LinuxLibC.ExitHandlers.mprotect(page, length, PROT_READ | PROT_EXEC) != 0) {
            fallbackWhy = "mprotect refused to make the exit handler's page executable, errno " + Native.getLastError();
            return null; // the page stays mapped: one page, once per process
        }
        return page;
    }

    private static void register() {
        boolean refused = handler != null
                ? LinuxLibC.ExitHandlers.on_exit(handler, block) != 0
                : LinuxLibC.ExitHandlers.on_exit(exit, null) != 0; // _exit(int) called as (int, void *): harmless in C
        if (refused) {
            throw new BackendUnavailableException("glibc refused to register the exit guard's handler (out of"
                    + " memory for its exit handler list). Fix: run with -Dcallgate.exitGuard=off.");
        }
        registered = true;
        if (LinuxLibC.ExitHandlers.__cxa_atexit(fflush, null, null) != 0) {
            throw new BackendUnavailableException("glibc refused to register fflush before the exit guard's handler"
                    + " (out of memory for its exit handler list): C stdio may not be flushed when it acts.");
        }
    }

    private static void setWord(int index, long value) {
        if (Native.POINTER_SIZE == 8) {
            block.setLong(8L * index, value);
        } else {
            block.setInt(4L * index, (int) value);
        }
    }
}
