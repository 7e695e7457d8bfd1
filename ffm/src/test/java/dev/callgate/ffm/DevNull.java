package dev.callgate.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** A descriptor open on /dev/null, for benchmarks whose diagnostics must go somewhere real but quiet. */
final class DevNull {

    // int open(const char *pathname, int flags)
    private static final MethodHandle OPEN = Natives.LINKER.downcallHandle(
            Natives.LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final int O_WRONLY = 1; // Linux

    private DevNull() {}

    /** Opens /dev/null for writing; the descriptor stays open for the JVM's life. */
    static int open() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom("/dev/null");
            int fd = (int) OPEN.invokeExact(path, O_WRONLY);
            if (fd < 0) {
                throw new IllegalStateException("open(/dev/null) failed");
            }
            return fd;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
