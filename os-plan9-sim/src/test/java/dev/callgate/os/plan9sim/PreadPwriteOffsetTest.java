package dev.callgate.os.plan9sim;

import static dev.callgate.os.plan9sim.OpenMode.OREAD;
import static dev.callgate.os.plan9sim.OpenMode.ORDWR;
import static dev.callgate.os.plan9sim.OpenMode.OTRUNC;
import static dev.callgate.os.plan9sim.OpenMode.OWRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Plan 9's offset rule: offset -1 uses and advances the open file's offset, any other offset leaves it alone. */
class PreadPwriteOffsetTest {

    private final Plan9Kernel kernel = Plan9Kernel.boot(new CapturedConsole());
    private final Plan9Process process = kernel.spawn("test");

    @Test
    void writesAtOffsetMinusOneAppendOneAfterAnother() {
        int fd = process.create("/tmp/log", OWRITE);
        assertEquals(3, process.pwrite(fd, Bytes.of("abc"), 3, -1));
        assertEquals(3, process.pwrite(fd, Bytes.of("def"), 3, -1));
        assertEquals("abcdef", Bytes.text(kernel.fileContents("/tmp/log")));
    }

    @Test
    void aWriteAtAnExplicitOffsetDoesNotMoveTheCurrentOffset() {
        int fd = process.create("/tmp/log", OWRITE);
        process.pwrite(fd, Bytes.of("abcdef"), 6, -1);
        assertEquals(1, process.pwrite(fd, Bytes.of("X"), 1, 0));
        assertEquals(2, process.pwrite(fd, Bytes.of("gh"), 2, -1));
        assertEquals("Xbcdefgh", Bytes.text(kernel.fileContents("/tmp/log")));
    }

    @Test
    void onlyTheFirstNBytesOfTheBufferAreWritten() {
        int fd = process.create("/tmp/log", OWRITE);
        assertEquals(2, process.pwrite(fd, Bytes.of("abcdef"), 2, -1));
        assertEquals("ab", Bytes.text(kernel.fileContents("/tmp/log")));
    }

    @Test
    void readsAtOffsetMinusOneAdvanceAndExplicitReadsDoNot() {
        kernel.addFile("/tmp/data", Bytes.of("0123456789"));
        int fd = process.open("/tmp/data", OREAD);
        byte[] buf = new byte[4];
        assertEquals(4, process.pread(fd, buf, 4, -1));
        assertEquals("0123", Bytes.text(buf));
        assertEquals(2, process.pread(fd, buf, 2, 8));
        assertEquals("89", Bytes.text(buf, 2));
        assertEquals(4, process.pread(fd, buf, 4, -1));
        assertEquals("4567", Bytes.text(buf), "the explicit read at 8 left the offset at 4");
        assertEquals(2, process.pread(fd, buf, 4, -1));
        assertEquals("89", Bytes.text(buf, 2));
        assertEquals(0, process.pread(fd, buf, 4, -1), "end of file");
    }

    @Test
    void aWriteBeyondTheEndLeavesZeros() {
        int fd = process.create("/tmp/sparse", ORDWR);
        process.pwrite(fd, Bytes.of("ab"), 2, 4);
        assertEquals("\0\0\0\0ab", Bytes.text(kernel.fileContents("/tmp/sparse")));
    }

    @Test
    void descriptorsOfSeparateOpensHaveSeparateOffsets() {
        kernel.addFile("/tmp/data", Bytes.of("abcdef"));
        int first = process.open("/tmp/data", OREAD);
        int second = process.open("/tmp/data", OREAD);
        byte[] buf = new byte[3];
        process.pread(first, buf, 3, -1);
        assertEquals(3, process.pread(second, buf, 3, -1));
        assertEquals("abc", Bytes.text(buf));
    }

    @Test
    void openWithOtruncEmptiesTheFile() {
        kernel.addFile("/tmp/data", Bytes.of("old contents"));
        int fd = process.open("/tmp/data", OWRITE | OTRUNC);
        process.pwrite(fd, Bytes.of("new"), 3, -1);
        assertEquals("new", Bytes.text(kernel.fileContents("/tmp/data")));
    }

    @Test
    void createTruncatesAnExistingFile() {
        kernel.addFile("/tmp/data", Bytes.of("old contents"));
        int fd = process.create("/tmp/data", OWRITE);
        process.pwrite(fd, Bytes.of("x"), 1, -1);
        assertEquals("x", Bytes.text(kernel.fileContents("/tmp/data")));
    }
}
