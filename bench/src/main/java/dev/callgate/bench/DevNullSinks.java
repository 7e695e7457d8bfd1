package dev.callgate.bench;

import dev.callgate.internal.Backends;
import dev.callgate.spi.DiagnosticWriter;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * callgate's diagnostic writer and {@code System.err}, both on {@code /dev/null}, for the
 * diagnostic benchmarks. {@code System.err} is built the way the JDK builds it (a 128-byte
 * {@link BufferedOutputStream}, autoflush) and restored by {@link #close()}.
 */
final class DevNullSinks implements AutoCloseable {

    final DiagnosticWriter writer;

    private final DevNull devNull;
    private final PrintStream originalErr;

    private DevNullSinks(DevNull devNull, DiagnosticWriter writer, PrintStream originalErr) {
        this.devNull = devNull;
        this.writer = writer;
        this.originalErr = originalErr;
    }

    static DevNullSinks open() throws FileNotFoundException {
        DevNull devNull = DevNull.open();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(new BufferedOutputStream(new FileOutputStream("/dev/null"), 128), true,
                StandardCharsets.UTF_8));
        return new DevNullSinks(devNull, Backends.backend().writerTo(devNull.fd()), originalErr);
    }

    /**
     * Restores {@code System.err} and closes {@code /dev/null}.
     *
     * @throws IllegalStateException if callgate's writer failed a write, so its timings are not of
     *     successful writes
     */
    @Override
    public void close() {
        System.err.close();
        System.setErr(originalErr);
        devNull.close();
        if (writer.lastFailure() != 0) {
            throw new IllegalStateException("callgate's writer failed a write to /dev/null (last error "
                    + writer.lastFailure() + "); its timings are not of successful writes");
        }
    }
}
