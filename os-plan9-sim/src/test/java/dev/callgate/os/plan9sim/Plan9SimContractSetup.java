package dev.callgate.os.plan9sim;

import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.contract.OsBackendContract;
import java.util.List;
import java.util.OptionalInt;

/**
 * What both contract runs share: a fresh kernel per test whose console is captured, the backend
 * over it, and a bad target that is a descriptor the process opened and closed. The simulator is
 * the real thing here (there is no native layer to fake), so the runs are not "Recorded".
 */
abstract class Plan9SimContractSetup extends OsBackendContract {

    final CapturedConsole console = new CapturedConsole();
    final Plan9Kernel kernel = Plan9Kernel.boot(console);
    final Plan9SimBackend backend = new Plan9SimBackend(kernel);

    @Override
    protected OsBackendProvider provider() {
        return new Plan9SimBackendProvider();
    }

    @Override
    protected OsBackend backend() {
        return backend;
    }

    @Override
    protected NativeWrite nativeWrite() {
        return backend.nativeWrite();
    }

    @Override
    protected long badTarget() {
        Plan9Process process = backend.process();
        kernel.addFile("/tmp/closed", new byte[0]);
        int fd = process.open("/tmp/closed", OpenMode.OWRITE);
        if (fd < 0 || process.close(fd) != 0) {
            throw new AssertionError("could not open and close a file: " + process.errstr());
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
        return OptionalInt.of(Plan9Error.INTERRUPTED.code());
    }
}
