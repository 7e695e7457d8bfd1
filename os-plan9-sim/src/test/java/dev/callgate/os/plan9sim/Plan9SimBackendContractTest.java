package dev.callgate.os.plan9sim;

import dev.callgate.spi.contract.Sink;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** The OsBackend contract on the simulated kernel, writing to an in-memory file through its own descriptor. */
class Plan9SimBackendContractTest extends Plan9SimContractSetup {

    private final AtomicInteger sinks = new AtomicInteger();

    @Override
    protected Sink openSink() {
        String path = "/tmp/sink-" + sinks.incrementAndGet();
        Plan9Process process = backend.process();
        int fd = process.create(path, OpenMode.OWRITE);
        if (fd < 0) {
            throw new AssertionError("create " + path + ": " + process.errstr());
        }
        return new Sink() {
            @Override
            public long target() {
                return fd;
            }

            /** Reads the file back through the kernel: open, pread at explicit offsets, close. */
            @Override
            public byte[] drain() {
                int in = process.open(path, OpenMode.OREAD);
                if (in < 0) {
                    throw new AssertionError("open " + path + ": " + process.errstr());
                }
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                byte[] buf = new byte[4096];
                long n;
                while ((n = process.pread(in, buf, buf.length, all.size())) > 0) {
                    all.write(buf, 0, (int) n);
                }
                if (n < 0) {
                    throw new AssertionError("pread " + path + ": " + process.errstr());
                }
                process.close(in);
                return all.toByteArray();
            }

            @Override
            public void close() {
                process.close(fd);
            }
        };
    }
}
