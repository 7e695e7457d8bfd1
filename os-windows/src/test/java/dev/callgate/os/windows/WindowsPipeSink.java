package dev.callgate.os.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import dev.callgate.spi.contract.DrainingSink;
import dev.callgate.spi.contract.Sink;

/**
 * A real anonymous pipe ({@code CreatePipe}) as a contract {@link Sink}, for the real contract run
 * on Windows. Its target is the write end's {@code HANDLE} value, which is what
 * {@link WindowsBackend#writerTo(long)} takes. A reader thread empties the read end with
 * {@code ReadFile} while writers run. All three functions come from JNA Platform's
 * {@link Kernel32}.
 */
final class WindowsPipeSink extends DrainingSink {

    /**
     * A handle value no process can have open: Windows caps a process at 2^24 handles, and handle
     * values are multiples of 4 counted up from 4, so no value reaches 2^26. A handle that was
     * opened and closed would do too, but Windows hands a freed handle value out again at once, so
     * another thread of this JVM could be given it while the test writes to it.
     */
    static final long NEVER_OPEN_HANDLE = 0x7FFF_FFFCL;

    private final Kernel32 kernel32 = Kernel32.INSTANCE;
    private final HANDLE readEnd;
    private final HANDLE writeEnd;
    private final IntByReference count = new IntByReference();

    private WindowsPipeSink(HANDLE readEnd, HANDLE writeEnd) {
        this.readEnd = readEnd;
        this.writeEnd = writeEnd;
        startReader("windows-pipe-sink-reader");
    }

    /** Opens a fresh anonymous pipe (buffer size asked: the reader's; the system may round it). */
    static WindowsPipeSink open() {
        HANDLEByReference read = new HANDLEByReference();
        HANDLEByReference write = new HANDLEByReference();
        if (!Kernel32.INSTANCE.CreatePipe(read, write, null, READ_BUFFER_SIZE)) {
            throw new IllegalStateException("CreatePipe failed, GetLastError() " + Native.getLastError());
        }
        return new WindowsPipeSink(read.getValue(), write.getValue());
    }

    @Override
    public long target() {
        return Pointer.nativeValue(writeEnd.getPointer());
    }

    /** {@code ReadFile}; a broken pipe is the end of file: every write end is closed. */
    @Override
    protected int readSome(byte[] buffer) throws ReadFailed {
        while (kernel32.ReadFile(readEnd, buffer, buffer.length, count, null)) {
            if (count.getValue() > 0) {
                return count.getValue();
            } // 0 bytes read means a 0-byte write, not the end: read again
        }
        int error = Native.getLastError();
        if (error == WinError.ERROR_BROKEN_PIPE) {
            return 0;
        }
        throw new ReadFailed("ReadFile on the pipe failed, GetLastError() " + error);
    }

    @Override
    protected void closeWriteEnd() {
        kernel32.CloseHandle(writeEnd);
    }

    @Override
    protected void closeReadEnd() {
        kernel32.CloseHandle(readEnd);
    }
}
