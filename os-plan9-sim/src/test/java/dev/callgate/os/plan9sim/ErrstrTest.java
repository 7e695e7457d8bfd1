package dev.callgate.os.plan9sim;

import static dev.callgate.os.plan9sim.OpenMode.OEXCL;
import static dev.callgate.os.plan9sim.OpenMode.OREAD;
import static dev.callgate.os.plan9sim.OpenMode.OTRUNC;
import static dev.callgate.os.plan9sim.OpenMode.OWRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Failing calls return -1 and leave Plan 9's error string, per proc (per Java thread). */
class ErrstrTest {

    private final Plan9Kernel kernel = Plan9Kernel.boot(new CapturedConsole());
    private final Plan9Process process = kernel.spawn("test");

    private void assertFails(long result, String errstr) {
        assertEquals(-1, result);
        assertEquals(errstr, process.errstr());
    }

    @Test
    void noErrorYetIsAnEmptyString() {
        assertEquals("", process.errstr());
    }

    @Test
    void badDescriptors() {
        byte[] b = Bytes.of("x");
        assertFails(process.pwrite(42, b, 1, -1), "fd out of range or not open");
        assertFails(process.pwrite(-1, b, 1, -1), "fd out of range or not open");
        assertFails(process.pwrite(100_000, b, 1, -1), "fd out of range or not open");
        assertFails(process.pread(42, b, 1, -1), "fd out of range or not open");
        assertFails(process.dup(42, -1), "fd out of range or not open");
        assertFails(process.dup(1, 100_000), "fd out of range or not open");
    }

    @Test
    void wrongDirection() {
        assertFails(process.pwrite(0, Bytes.of("x"), 1, -1), "inappropriate use of fd");
        assertFails(process.pread(1, new byte[1], 1, -1), "inappropriate use of fd");
    }

    @Test
    void badArguments() {
        assertFails(process.pwrite(1, Bytes.of("x"), 2, -1), "bad arg in system call");
        assertFails(process.pwrite(1, Bytes.of("x"), -1, -1), "bad arg in system call");
        assertFails(process.pwrite(1, null, 1, -1), "bad arg in system call");
        assertFails(process.open("/dev/cons", 0x4000), "bad arg in system call");
        assertFails(process.open("/dev/cons", OREAD | OTRUNC), "bad arg in system call");
        assertFails(process.pwrite(1, Bytes.of("x"), 1, -2), "negative i/o offset");
    }

    @Test
    void names() {
        assertFails(process.open("/tmp/missing", OREAD), "file does not exist");
        assertFails(process.open("tmp/relative", OREAD), "file name syntax");
        assertFails(process.create("/dev/cons", OWRITE), "permission denied");
        assertFails(process.create("/fd/3", OWRITE), "permission denied");
        kernel.addFile("/tmp/here", new byte[0]);
        assertFails(process.create("/tmp/here", OWRITE | OEXCL), "file already exists");
    }

    @Test
    void theStringStaysUntilTheNextFailureSuccessDoesNotClearIt() {
        process.close(42);
        assertEquals(1, process.pwrite(1, Bytes.of("x"), 1, -1));
        assertEquals("fd out of range or not open", process.errstr());
    }

    @Test
    void eachThreadHasItsOwnErrorString() throws Exception {
        process.close(42);
        AtomicReference<String> before = new AtomicReference<>();
        AtomicReference<String> after = new AtomicReference<>();
        Thread other = new Thread(() -> {
            before.set(process.errstr());
            process.open("/tmp/missing", OREAD);
            after.set(process.errstr());
        });
        other.start();
        other.join();
        assertEquals("", before.get());
        assertEquals("file does not exist", after.get());
        assertEquals("fd out of range or not open", process.errstr(), "the other thread's failure did not touch ours");
    }

    @Test
    void werrstrSetsTheStringAndCodeOfMapsItToAStableCode() {
        process.werrstr("interrupted");
        assertEquals(Plan9Error.INTERRUPTED.code(), Plan9Error.codeOf(process.errstr()));
        process.werrstr("my library is unhappy");
        assertEquals(Plan9Error.OTHER.code(), Plan9Error.codeOf(process.errstr()));
        assertEquals(Plan9Error.NO_ERROR, Plan9Error.codeOf(""));
        assertEquals(1, Plan9Error.codeOf("fd out of range or not open"));
    }

    @Test
    void everyErrorKindHasItsOwnNonZeroCode() {
        Set<Integer> codes = new HashSet<>();
        for (Plan9Error e : Plan9Error.values()) {
            assertTrue(e.code() != Plan9Error.NO_ERROR && codes.add(e.code()), "code of " + e + " is 0 or taken");
        }
    }
}
