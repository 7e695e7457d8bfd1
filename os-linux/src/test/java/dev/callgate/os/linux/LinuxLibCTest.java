package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import dev.callgate.spi.NativeMessage;
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

    private final LinuxLibC.Layer libc = LinuxLibC.load();

    @Test
    void bindsOnceAndPrefersGettidOnGlibc230AndLater() {
        assertSame(libc, LinuxLibC.load(), "one binding per JVM");
        String[] glibc = TestLibC.gnu_get_libc_version().split("\\.");
        int major = Integer.parseInt(glibc[0]);
        int minor = Integer.parseInt(glibc[1]);
        assertEquals(major > 2 || (major == 2 && minor >= 30), libc.viaGettid(), TestLibC.gnu_get_libc_version());
    }

    /** JNA's direct mapping keeps errno per thread: Native.getLastError() is EBADF after a bad write. */
    @Test
    void aFailedWriteLeavesErrnoInNativeGetLastError() {
        NativeMessage message = NativeMessage.encode("nobody reads this");
        int closed = PosixPipeSink.closedDescriptor(600);
        assertEquals(-1, libc.write(closed, message.address(), message.length()));
        assertEquals(TestLibC.EBADF, Native.getLastError(), "write(2) to a closed descriptor fails with EBADF");
    }

    @Test
    void writeTakesTheBufferAsAnAddressSoAPartialWriteContinuesByOffset() throws Exception {
        NativeMessage message = NativeMessage.encode("0123456789 by address");
        try (PosixPipeSink sink = PosixPipeSink.open()) {
            int fd = (int) sink.target();
            assertEquals(5, libc.write(fd, message.address(), 5));
            long rest = message.length() - 5;
            assertEquals(rest, libc.write(fd, message.address() + 5, rest));
            assertArrayEquals(message.sharedBytes(), sink.drain());
        }
    }

    @Test
    void threadIdIsTheTidThatProcThreadSelfNames() throws Exception {
        assertEquals(procThreadSelfTid(), libc.threadId());
        AtomicLong procTid = new AtomicLong();
        AtomicLong tid = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                procTid.set(procThreadSelfTid());
                tid.set(libc.threadId());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(procTid.get(), tid.get());
        assertNotEquals(libc.threadId(), tid.get(), "another thread, another tid");
        assertEquals(true, Files.isDirectory(Path.of("/proc/self/task/" + libc.threadId())));
    }

    @Test
    void theSyscallFallbackReturnsWhatGettidReturns() throws Exception {
        assumeTrue(LinuxSyscallNumbers.gettid(System.getProperty("os.arch")).isPresent(),
                "no gettid syscall number known for this architecture, so no fallback to check");
        assertEquals(libc.threadId(), libc.syscallGettid());
        AtomicLong viaSyscall = new AtomicLong();
        AtomicLong viaThreadId = new AtomicLong();
        Thread other = new Thread(() -> {
            viaSyscall.set(libc.syscallGettid());
            viaThreadId.set(libc.threadId());
        });
        other.start();
        other.join();
        assertEquals(viaThreadId.get(), viaSyscall.get());
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
