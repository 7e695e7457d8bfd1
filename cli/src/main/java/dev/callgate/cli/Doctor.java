package dev.callgate.cli;

import com.sun.jna.Native;
import dev.callgate.internal.Backends;
import dev.callgate.internal.ExitGuard;
import dev.callgate.internal.UpcallRoute;
import dev.callgate.CallGate;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code callgate doctor}: callgate's version, which backend was selected and how, the platform, the JNA version, and
 * whether the backend's native write works (it writes one line to standard error), and whether the exit
 * guard is armed now and why, and which route JNA callbacks take.
 */
final class Doctor {

    private final PrintStream out;

    Doctor(PrintStream out) {
        this.out = out;
    }

    int run() {
        Backends.Selected selection = Backends.selected();
        OsBackend backend = selection.backend();
        out.println("callgate doctor");
        out.println("version: " + CallGate.version());
        out.println("backend: " + backend.id() + (selection.isJavaFallback() ? " (the Java fallback: no OS module serves"
                + " this JVM; standard error's first callgate line says which to add)" : ""));
        out.println("provider: " + selection.provider().artifact());
        out.println("selected by: " + selection.how());
        out.println("os.name: " + System.getProperty("os.name"));
        out.println("os.arch: " + System.getProperty("os.arch"));
        out.println("pointer size: " + Native.POINTER_SIZE + " bytes");
        out.println("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.home") + ")");
        out.println("jna: " + Native.VERSION + " (native " + Native.VERSION_NATIVE + ")");
        out.println("directory listing: " + directoryListing());
        long tid = backend.currentNativeThreadId();
        out.println("native thread id: " + tid);
        DiagnosticWriter stderr = backend.stderr();
        boolean ok = stderr.write(NativeMessage.encode("callgate: doctor: native write works (native thread " + tid
                + ", os " + backend.id() + ")"));
        out.println((selection.isJavaFallback() ? "write through System.err: " : "native write: ")
                + (ok ? "ok" : "FAILED, error " + stderr.lastFailure()));
        out.println("exit guard: " + ExitGuard.status(backend));
        out.println("callback route: " + UpcallRoute.status());
        out.println("totals: " + CallGate.totals());
        return ok ? 0 : Main.EXIT_WRITE_FAILED;
    }

    /**
     * Whether this JVM can list a directory. JNA finds a library named like {@code "glib-2.0"} as
     * {@code libglib-2.0.so.0} by listing the library directories; a 32-bit JVM under qemu-user
     * on a 64-bit kernel cannot ({@code readdir} fails with EOVERFLOW on ext4's 64-bit offsets),
     * and {@link java.io.File#list} then returns an empty array without a word.
     */
    private static String directoryListing() {
        Path dir = Path.of(System.getProperty("java.home"), "lib");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(entry -> { });
            return "ok";
        } catch (IOException | DirectoryIteratorException e) {
            Throwable cause = e instanceof DirectoryIteratorException ? e.getCause() : e;
            String why = cause instanceof FileSystemException f && f.getReason() != null ? f.getReason() : cause.toString();
            return "FAILS for " + dir + " (" + why + "): JNA cannot find a library by a short name"
                    + " such as \"glib-2.0\"; load it by its file name (\"libglib-2.0.so.0\"). Seen with 32-bit JVMs"
                    + " under qemu-user on 64-bit kernels (docs/os-support.md: 32-bit JVMs under emulation)";
        }
    }
}
