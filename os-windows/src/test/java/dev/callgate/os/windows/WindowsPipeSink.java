package dev.callgate.os.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import dev.callgate.spi.contract.Sink;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A real anonymous pipe ({@code CreatePipe}) as a contract {@link Sink}, for the real contract run
 * on Windows. Its target is the write end's {@code HANDLE} value, which is what
 * {@link WindowsBackend#writerTo(long)} takes. A reader thread empties the read end with
 * {@code ReadFile} while writers run, so that many lines never fill the pipe buffer and block them.
 * All three functions come from JNA Platform's {@link Kernel32}.
 */
final class WindowsPipeSink implements Sink {

    /** The pipe buffer size asked of {@code CreatePipe}; the system may round it. */
    private static final int BUFFER_SIZE = 65536;

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
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile String readFailure;
    private boolean writeEndClosed;
    private boolean closed;

    private WindowsPipeSink(HANDLE readEnd, HANDLE writeEnd) {
        this.readEnd = readEnd;
        this.writeEnd = writeEnd;
        this.reader = new Thread(this::readToEnd, "windows-pipe-sink-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a fresh anonymous pipe with its reader running. */
    static WindowsPipeSink open() {
        HANDLEByReference read = new HANDLEByReference();
        HANDLEByReference write = new HANDLEByReference();
        if (!Kernel32.INSTANCE.CreatePipe(read, write, null, BUFFER_SIZE)) {
            throw new IllegalStateException("CreatePipe failed, GetLastError() " + Native.getLastError());
        }
        return new WindowsPipeSink(read.getValue(), write.getValue());
    }

    @Override
    public long target() {
        return Pointer.nativeValue(writeEnd.getPointer());
    }

    /** Closes the write end, so the reader sees the pipe broken (its end of file), and returns all it read. */
    @Override
    public synchronized byte[] drain() throws Exception {
        closeWriteEnd();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        if (reader.isAlive()) {
            throw new AssertionError("the pipe reader saw no end of file within 30 s");
        }
        if (readFailure != null) {
            throw new AssertionError(readFailure);
        }
        synchronized (received) {
            return received.toByteArray();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeWriteEnd();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag; the read end is closed regardless
        }
        kernel32.CloseHandle(readEnd);
    }

    private void closeWriteEnd() {
        if (!writeEndClosed) {
            writeEndClosed = true;
            kernel32.CloseHandle(writeEnd);
        }
    }

    private void readToEnd() {
        byte[] buffer = new byte[BUFFER_SIZE];
        IntByReference count = new IntByReference();
        while (true) {
            if (kernel32.ReadFile(readEnd, buffer, buffer.length, count, null)) {
                synchronized (received) {
                    received.write(buffer, 0, count.getValue());
                }
            } else {
                int error = Native.getLastError();
                if (error != WinError.ERROR_BROKEN_PIPE) { // broken pipe: every write end is closed
                    readFailure = "ReadFile on the pipe failed, GetLastError() " + error;
                }
                return;
            }
        }
    }
}
