package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.PosixNativeWrite;
import dev.callgate.spi.contract.PosixPipeSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** LinuxLibC's real calls on this Linux: errno after write, gettid against /proc. */
@EnabledOnOs(OS.LINUX)
class LinuxLibCTest {

    private final LinuxLibC libc = LinuxLibC.load();

    @Test
    void loadsOnceAndReportsWhatItFound() {
        assertTrue(LinuxLibC.load() == libc, "one binding per JVM");
        String[] glibc = TestLibC.gnu_get_libc_version().split("\\.");
        boolean atLeast230 = Integer.parseInt(glibc[0]) > 2 || (Integer.parseInt(glibc[0]) == 2 && Integer.parseInt(glibc[1]) >= 30);
        assertEquals(atLeast230, libc.gettidCapability().available(),
                "glibc " + TestLibC.gnu_get_libc_version() + ": " + libc.gettidCapability());
        assertTrue(libc.syscallGettidCapability().available(), libc.syscallGettidCapability().toString());
        assertEquals(System.getProperty("os.arch"), libc.osArch());
    }

    /** JNA's direct mapping keeps errno per thread: Native.getLastError() is EBADF after a bad write. */
    @Test
    void aFailedWriteLeavesErrnoInNativeGetLastError() {
        NativeMessage message = NativeMessage.encode("nobody reads this");
        int closed = PosixPipeSink.closedDescriptor(600);
        long result = libc.write(closed, message.address(), message.length());
        int errno = Native.getLastError();
        assertEquals(-1, result);
        assertEquals(TestLibC.EBADF, errno, "write(2) to a closed descriptor fails with EBADF");

        PosixNativeWrite.Syscall syscall = libc.writeSyscall();
        assertEquals(-1, syscall.write(closed, message.address(), message.length()));
        assertEquals(TestLibC.EBADF, Native.getLastError(), "the Syscall view keeps errno as well");
    }

    @Test
    void writeTakesTheBufferAsAnAddressSoAPartialWriteContinuesByOffset() throws Exception {
        NativeMessage message = NativeMessage.encode("0123456789 by address");
        try (PosixPipeSink sink = PosixPipeSink.open()) {
            int fd = (int) sink.target();
            assertEquals(5, libc.write(fd, message.address(), 5));
            long rest = message.length() - 5;
            assertEquals(rest, libc.writeSyscall().write(fd, message.address() + 5, rest));
            assertArrayEquals(message.sharedBytes(), sink.drain());
        }
    }

    @Test
    void gettidIsTheTidThatProcThreadSelfNames() throws Exception {
        assertEquals(procThreadSelfTid(), libc.gettid());
        AtomicLong procTid = new AtomicLong();
        AtomicLong gettid = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                procTid.set(procThreadSelfTid());
                gettid.set(libc.gettid());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(procTid.get(), gettid.get());
        assertNotEquals(libc.gettid(), gettid.get(), "another thread, another tid");
    }

    @Test
    void theMainThreadOfTheProcessHasTheProcessId() throws Exception {
        // /proc/self/task lists every tid of this process; the pid is among them, and ours is too.
        long tid = libc.gettid();
        assertTrue(Files.isDirectory(Path.of("/proc/self/task/" + tid)), "/proc/self/task/" + tid + " exists");
        assertTrue(Files.isDirectory(Path.of("/proc/self/task/" + ProcessHandle.current().pid())));
    }

    @Test
    void theSyscallFallbackReturnsWhatGettidReturns() throws Exception {
        assertEquals(libc.gettid(), libc.syscallGettid());
        AtomicLong viaSyscall = new AtomicLong();
        AtomicLong viaGettid = new AtomicLong();
        Thread other = new Thread(() -> {
            viaSyscall.set(libc.syscallGettid());
            viaGettid.set(libc.gettid());
        });
        other.start();
        other.join();
        assertEquals(viaGettid.get(), viaSyscall.get());
        assertNotEquals(libc.syscallGettid(), viaSyscall.get());
    }

    /** The tid in the target of /proc/thread-self, which the kernel resolves for the calling thread. */
    private static long procThreadSelfTid() throws Exception {
        Path target = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
        String[] parts = target.toString().split("/");
        assertEquals(3, parts.length, "unexpected /proc/thread-self target " + target);
        assertEquals(String.valueOf(ProcessHandle.current().pid()), parts[0]);
        return Long.parseLong(parts[2]);
    }
}
