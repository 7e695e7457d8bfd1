package dev.callgate.os.windows;

import dev.callgate.spi.contract.Sink;

/**
 * The shared backend contract, run on this (non-Windows) machine against {@link RecordingKernel32}:
 * the real {@link WindowsBackend}, its {@code WriteFile} adapter and the shared write loop, over a
 * recorded kernel32.
 */
class WindowsBackendRecordedContractTest extends WindowsBackendContract {

    private final RecordingKernel32 kernel32 = new RecordingKernel32();
    private final WindowsBackend backend = new WindowsBackend(kernel32);

    @Override
    protected WindowsBackend backend() {
        return backend;
    }

    @Override
    protected Sink openSink() {
        return kernel32.openSink();
    }

    @Override
    protected long badTarget() {
        return RecordingKernel32.INVALID_HANDLE_VALUE;
    }
}
