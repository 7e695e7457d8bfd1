package dev.callgate.os.plan9sim;

import dev.callgate.spi.contract.Sink;

/** The OsBackend contract on the simulated kernel, writing to /dev/cons, which the kernel's captured console records. */
class Plan9SimBackendConsoleContractTest extends Plan9SimContractSetup {

    @Override
    protected Sink openSink() {
        Plan9Process process = backend.process();
        int fd = process.open("/dev/cons", OpenMode.OWRITE);
        if (fd < 0) {
            throw new AssertionError("open /dev/cons: " + process.errstr());
        }
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
}
