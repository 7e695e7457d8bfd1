package dev.callgate.spi.contract;

import com.sun.jna.Platform;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a backend's abort in a child JVM, since only a whole process shows its exit status: this
 * JVM's {@code java} and class path, with a main class that writes {@link #LAST_WORDS} through the
 * backend's stderr writer and then calls {@code abort()}; {@link #abortThrough(Class)} uses
 * {@link ProviderAbortingMain} for that.
 */
public final class AbortingChildJvm {

    /** The line an aborting main writes to its standard error just before {@code abort()}. */
    public static final String LAST_WORDS = "callgate-test: aborting now";

    /** What an aborting main prints only if {@code abort()} returned. */
    public static final String ABORT_RETURNED = "abort() returned";

    /** How the child ended. */
    public record Result(int exitStatus, String stdout, String stderr) {

        /** Whether {@link #LAST_WORDS} arrived on the child's stderr as a line of its own. */
        public boolean saidLastWords() {
            return stderr.lines().anyMatch(LAST_WORDS::equals);
        }

        @Override
        public String toString() {
            return "exit " + exitStatus + " stdout: [" + stdout + "] stderr: [" + stderr + "]";
        }
    }

    private AbortingChildJvm() {
    }

    /**
     * Runs {@link ProviderAbortingMain} over a backend from {@code provider}'s {@code create()},
     * and waits up to 60 s for it to end.
     */
    public static Result abortThrough(Class<? extends OsBackendProvider> provider) throws Exception {
        return run(ProviderAbortingMain.class, provider.getName());
    }

    /**
     * Runs {@code main} with {@code args} and waits up to 60 s for it to end. On POSIX systems
     * {@code ulimit -c 0} comes first, so an abort leaves no core file of hundreds of megabytes
     * behind.
     */
    public static Result run(Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (!Platform.isWindows()) {
            command.addAll(List.of("/bin/sh", "-c", "ulimit -c 0 && exec \"$0\" \"$@\""));
        }
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM " + main.getName() + " did not end within 60 s");
        }
        return new Result(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The child: creates a backend with the provider class named by its one argument, writes
     * {@link #LAST_WORDS} through the backend's stderr, then aborts.
     */
    public static final class ProviderAbortingMain {

        private ProviderAbortingMain() {
        }

        public static void main(String[] args) throws ReflectiveOperationException {
            OsBackendProvider provider = (OsBackendProvider) Class.forName(args[0]).getConstructor().newInstance();
            OsBackend backend = provider.create();
            backend.stderr().write(NativeMessage.encode(LAST_WORDS));
            backend.abort();
            System.out.println(ABORT_RETURNED); // only seen when abort is broken
            System.exit(1);
        }
    }
}
