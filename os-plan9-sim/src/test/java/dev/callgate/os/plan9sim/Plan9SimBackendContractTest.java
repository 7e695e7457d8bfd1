package dev.callgate.os.plan9sim;

import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.contract.OsBackendContract;
import dev.callgate.spi.contract.Sink;
import java.util.List;
import java.util.OptionalInt;

/**
 * The OsBackend contract on the simulated process, writing to /dev/cons through a second
 * descriptor ({@code dup} of fd 2) while a captured sink records the console. The simulator is
 * the real thing here (there is no native layer to fake), so the run is not "Recorded".
 */
class Plan9SimBackendContractTest extends OsBackendContract {

    private final CapturedSink console = new CapturedSink();
    private final Plan9SimBackend backend = new Plan9SimBackend(new Plan9Console(console));
    private final Plan9Process process = backend.process();

    @Override
    protected OsBackendProvider provider() {
        return new Plan9SimBackendProvider();
    }

    @Override
    protected Plan9SimBackend backend() {
        return backend;
    }

    @Override
    protected Sink openSink() {
        int fd = dupConsole();
        return new Sink() {
            @Override
            public long target() {
                return fd;
            }

            @Override
            public byte[] drain() {
                return console.bytes();
            }

            @Override
            public void close() {
                process.close(fd);
            }
        };
    }

    /** A descriptor the process opened and closed. */
    @Override
    protected long badTarget() {
        int fd = dupConsole();
        if (process.close(fd) != 0) {
            throw new AssertionError("close " + fd + ": " + process.errstr());
        }
        return fd;
    }

    private int dupConsole() {
        int fd = process.dup(2);
        if (fd < 0) {
            throw new AssertionError("dup(2, -1): " + process.errstr());
        }
        return fd;
    }

    @Override
    protected String expectedId() {
        return "plan9-sim";
    }

    /** None: no JVM runs on Plan 9, the simulator is chosen by override only. */
    @Override
    protected List<String> servedOsNames() {
        return List.of();
    }

    @Override
    protected List<String> rejectedOsNames() {
        return List.of("Linux", "Mac OS X", "FreeBSD", "Windows 11", "Plan 9");
    }

    @Override
    protected OptionalInt interruptedError() {
        return OptionalInt.of(Plan9SimBackend.INTERRUPTED);
    }
}
