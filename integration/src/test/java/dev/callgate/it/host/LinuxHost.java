package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callgate.CallGate;
import dev.callgate.internal.Backends;
import dev.callgate.spi.OsBackend;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the host tests need from this machine: the real Linux backend, and a look at this process's threads. */
final class LinuxHost {

    private LinuxHost() {}

    /** The backend ServiceLoader selected for this JVM; fails unless it is os-linux's. */
    static OsBackend backend() {
        OsBackend backend = Backends.backend();
        assertEquals("linux", backend.id(), () -> "the host tests run against the real os-linux backend, but "
                + CallGate.selection().how() + " selected " + backend.id());
        return backend;
    }

    /** Whether {@code tid} is a live thread of this process ({@code /proc/self/task/<tid>} exists). */
    static boolean isThreadOfThisProcess(long tid) {
        return tid > 0 && Files.isDirectory(Path.of("/proc/self/task", Long.toString(tid)));
    }
}
