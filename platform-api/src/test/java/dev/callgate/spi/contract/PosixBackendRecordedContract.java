package dev.callgate.spi.contract;

import dev.callgate.spi.PosixBackend;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link OsBackendContract} for a {@link PosixBackend} over a {@link RecordingPosixLayer}
 * instead of the OS: the real backend and the shared write loop, over recorded C library calls.
 * It answers everything the POSIX backends share; an OS module adds its provider, id and
 * {@code os.name} values, and its test class name contains {@code Recorded}.
 *
 * @param <L> the recording layer, typed as the seam the OS's backend takes
 */
public abstract class PosixBackendRecordedContract<L extends RecordingPosixLayer> extends PosixBackendContract {

    private final L layer;

    /**
     * @param newLayer makes a fresh recording layer for each test
     * @param backendOver the OS's backend constructor, given that layer
     */
    protected PosixBackendRecordedContract(Supplier<L> newLayer,
            Function<? super L, ? extends PosixBackend> backendOver) {
        this(newLayer.get(), backendOver);
    }

    private PosixBackendRecordedContract(L layer, Function<? super L, ? extends PosixBackend> backendOver) {
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
