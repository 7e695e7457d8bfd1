package dev.callgate.spi;

/**
 * The part every backend shares: an id, one {@link NativeWrite}, and {@link DiagnosticWriter}s
 * over it, the one to standard error made once. Subclasses add the thread id and the abort.
 *
 * @since 1.0
 */
public abstract class AbstractOsBackend implements OsBackend {

    private final String id;
    private final NativeWrite nativeWrite;
    private final DiagnosticWriter stderr;

    /**
     * @param id the provider id
     * @param nativeWrite the backend's single native write
     * @param stderrTarget standard error's descriptor or handle value
     */
    protected AbstractOsBackend(String id, NativeWrite nativeWrite, long stderrTarget) {
        this.id = id;
        this.nativeWrite = nativeWrite;
        this.stderr = new DiagnosticWriter(nativeWrite, stderrTarget);
    }

    @Override
    public final String id() {
        return id;
    }

    /** The writer to standard error; one per backend. */
    @Override
    public final DiagnosticWriter stderr() {
        return stderr;
    }

    @Override
    public final DiagnosticWriter writerTo(long target) {
        return new DiagnosticWriter(nativeWrite, target);
    }

    /** The single native write under {@link #stderr()} and {@link #writerTo(long)}. */
    public final NativeWrite nativeWrite() {
        return nativeWrite;
    }
}
