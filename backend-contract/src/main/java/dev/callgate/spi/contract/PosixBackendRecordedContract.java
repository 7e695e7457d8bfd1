package dev.callgate.spi.contract;

import dev.callgate.spi.PosixBackend;
import java.util.function.Function;

/**
 * The {@link OsBackendContract} for a {@link PosixBackend} over a {@link RecordingPosixLayer}
 * instead of the OS: the real backend and the shared write loop, over recorded C library calls.
 * It answers everything the POSIX backends share; an OS module adds its provider, id and
 * {@code os.name} values, and its test class name contains {@code Recorded}.
 */
public abstract class PosixBackendRecordedContract extends PosixBackendContract {

    private final RecordingPosixLayer layer;

    /** @param backendOver the OS's backend constructor, given a fresh recording layer for each test */
    protected PosixBackendRecordedContract(Function<PosixBackend.NativeLayer, ? extends PosixBackend> backendOver) {
        this(new RecordingPosixLayer(), backendOver);
    }

    private PosixBackendRecordedContract(RecordingPosixLayer layer,
            Function<PosixBackend.NativeLayer, ? extends PosixBackend> backendOver) {
        super(backendOver.apply(layer));
        this.layer = layer;
    }

    @Override
    protected final Sink openSink() {
        return layer.openSink();
    }

    @Override
    protected final long badTarget() {
        return layer.unopenedDescriptor();
    }
}
