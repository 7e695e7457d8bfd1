package dev.callgate.os.plan9sim;

import static dev.callgate.os.plan9sim.OpenMode.OREAD;
import static dev.callgate.os.plan9sim.OpenMode.ORDWR;
import static dev.callgate.os.plan9sim.OpenMode.OWRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** open, close, dup and the /fd/N device over a process's descriptor table. */
class DescriptorTableTest {

    private final CapturedConsole console = new CapturedConsole();
    private final Plan9Kernel kernel = Plan9Kernel.boot(console);
    private final Plan9Process process = kernel.spawn("test");

    @Test
    void aNewProcessHasTheConsoleOnZeroOneAndTwo() {
        assertEquals(4, process.pwrite(1, Bytes.of("out\n"), 4, -1));
        assertEquals(4, process.pwrite(2, Bytes.of("err\n"), 4, -1));
        assertEquals(0, process.pread(0, new byte[8], 8, -1), "the simulated console has no keyboard: end of file");
        assertEquals("out\nerr\n", console.text());
        assertEquals(3, process.open("/dev/cons", OWRITE), "the next descriptor is 3");
    }

    @Test
    void openTakesTheLowestFreeDescriptor() {
        kernel.addFile("/tmp/f", new byte[0]);
        assertEquals(3, process.open("/tmp/f", OREAD));
        assertEquals(4, process.open("/tmp/f", OREAD));
        assertEquals(5, process.open("/tmp/f", OREAD));
        assertEquals(0, process.close(4));
        assertEquals(4, process.open("/tmp/f", OREAD), "4 is free again");
        assertEquals(0, process.close(0));
        assertEquals(0, process.open("/tmp/f", OREAD), "0 is now the lowest free");
        assertEquals(6, process.open("/tmp/f", OREAD));
    }

    @Test
    void aClosedDescriptorCannotBeUsedOrClosedAgain() {
        int fd = process.create("/tmp/f", ORDWR);
        assertEquals(0, process.close(fd));
        assertEquals(-1, process.pwrite(fd, Bytes.of("x"), 1, -1));
        assertEquals("fd out of range or not open", process.errstr());
        assertEquals(-1, process.close(fd));
        assertEquals("fd out of range or not open", process.errstr());
    }

    @Test
    void theTableEndsAtItsSizeWithNoFreeDescriptors() {
        kernel.addFile("/tmp/f", new byte[0]);
        for (int fd = 3; fd < FdTable.MAX_FDS; fd++) {
            assertEquals(fd, process.open("/tmp/f", OREAD));
        }
        assertEquals(-1, process.open("/tmp/f", OREAD));
        assertEquals("no free file descriptors", process.errstr());
    }

    @Test
    void fdNSharesTheOpenFileAndItsOffset() {
        int fd = process.create("/tmp/f", OWRITE);
        int twin = process.open("/fd/" + fd, OWRITE);
        assertEquals(fd + 1, twin);
        process.pwrite(fd, Bytes.of("ab"), 2, -1);
        process.pwrite(twin, Bytes.of("cd"), 2, -1);
        process.pwrite(fd, Bytes.of("ef"), 2, -1);
        assertEquals("abcdef", Bytes.text(kernel.fileContents("/tmp/f")), "one offset, advanced through both");
    }

    @Test
    void fdTwoOpensTheConsole() {
        int twin = process.open("/fd/2", OWRITE);
        process.pwrite(twin, Bytes.of("via /fd/2\n"), 10, -1);
        assertEquals("via /fd/2\n", console.text());
    }

    @Test
    void fdNOfAClosedDescriptorDoesNotExist() {
        assertEquals(-1, process.open("/fd/7", OWRITE));
        assertEquals("file does not exist", process.errstr());
        assertEquals(-1, process.open("/fd/x", OWRITE));
        assertEquals("file does not exist", process.errstr());
    }

    @Test
    void fdNMustBeOpenedWithAModeTheOriginalAllows() {
        assertEquals(-1, process.open("/fd/0", OWRITE), "fd 0 is read-only");
        assertEquals("inappropriate use of fd", process.errstr());
        int rw = process.create("/tmp/f", ORDWR);
        assertEquals(rw + 1, process.open("/fd/" + rw, OREAD), "a read-write descriptor allows either");
    }

    @Test
    void dupSharesTheOffsetAndPicksTheLowestFreeOrTheGivenNumber() {
        int fd = process.create("/tmp/f", OWRITE);
        int copy = process.dup(fd, -1);
        assertEquals(fd + 1, copy);
        assertEquals(20, process.dup(fd, 20));
        process.pwrite(copy, Bytes.of("12"), 2, -1);
        process.pwrite(20, Bytes.of("34"), 2, -1);
        assertEquals("1234", Bytes.text(kernel.fileContents("/tmp/f")));
        assertEquals(2, process.dup(fd, 2), "dup onto 2 replaces the console");
        process.pwrite(2, Bytes.of("56"), 2, -1);
        assertEquals("123456", Bytes.text(kernel.fileContents("/tmp/f")));
        assertEquals("", console.text());
    }

    @Test
    void closingOneDescriptorLeavesTheSharedFileOpenForTheOther() {
        int fd = process.create("/tmp/f", OWRITE);
        int copy = process.dup(fd, -1);
        assertEquals(0, process.close(fd));
        assertEquals(1, process.pwrite(copy, Bytes.of("z"), 1, -1));
        assertEquals("z", Bytes.text(kernel.fileContents("/tmp/f")));
    }
}
