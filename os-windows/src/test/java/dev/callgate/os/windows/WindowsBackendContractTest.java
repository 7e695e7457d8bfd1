package dev.callgate.os.windows;

import dev.callgate.spi.contract.Sink;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The OS backend contract, for real: kernel32 {@code WriteFile} into real anonymous pipes,
 * {@code GetCurrentThreadId}, on Windows only. Elsewhere it is skipped, and
 * {@code WindowsBackendRecordedContractTest} runs the same contract over a recorded fake.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsBackendContractTest extends WindowsBackendContract {

    private final WindowsBackend backend = (WindowsBackend) new WindowsBackendProvider().create();

    @Override
    protected WindowsBackend backend() {
        return backend;
    }

    @Override
    protected Sink openSink() {
        return WindowsPipeSink.open();
    }

    @Override
    protected long badTarget() {
        return WindowsPipeSink.NEVER_OPEN_HANDLE;
    }

    /** The architecture this JVM really runs on, not the kit's default. */
    @Override
    protected String osArch() {
        return System.getProperty("os.arch");
    }
}
