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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a child JVM, since only a whole process shows its exit status and its real
 * standard error: this JVM's {@code java} and class path, and on POSIX systems
 * {@code ulimit -c 0} first, so that an abort leaves no core file of hundreds of megabytes behind.
 * {@link #abortThrough(Class)} runs {@link ProviderAbortingMain}, which writes {@link #LAST_WORDS}
 * through a backend's stderr writer and then calls {@code abort()}.
 */
public final class ChildJvm {

    /** The line an aborting main writes to its standard error just before {@code abort()}. */
    public static final String LAST_WORDS = "callgate-test: aborting now";

    /** What an aborting main prints only if {@code abort()} returned. */
    public static final String ABORT_RETURNED = "abort() returned";

    /** How long {@link #run(Class, String...)} waits. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** How the child ended. */
    public record Result(int exitStatus, String stdout, String stderr) {

        /** Whether {@link #LAST_WORDS} arrived on the child's stderr as a line of its own. */
        public boolean saidLastWords() {
            return stderr.lines().anyMatch(LAST_WORDS::equals);
        }

        /** The child's stderr, split into lines. */
        public List<String> stderrLines() {
            return stderr.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitStatus + " stdout: [" + stdout + "] stderr: [" + stderr + "]";
        }
    }

    private ChildJvm() {
    }

    /** Runs {@link ProviderAbortingMain} over a backend from {@code provider}'s {@code create()}. */
    public static Result abortThrough(Class<? extends OsBackendProvider> provider) throws Exception {
        return run(ProviderAbortingMain.class, provider.getName());
    }

    /** Runs {@code main} with {@code args} and waits up to {@link #DEFAULT_TIMEOUT} for it to end. */
    public static Result run(Class<?> main, String... args) throws Exception {
        return run(List.of(), DEFAULT_TIMEOUT, main, args);
    }

    /**
     * Runs {@code main} with JVM options and {@code args}, and waits up to {@code timeout}.
     *
     * @throws AssertionError if the child did not end in time; it is killed first
     */
    public static Result run(List<String> jvmOptions, Duration timeout, Class<?> main, String... args)
            throws Exception {
        Process process = start(jvmOptions, main, args);
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child JVM " + main.getName() + " did not end within " + timeout.toSeconds()
                    + " s and was killed; stdout: [" + new String(out.get(), StandardCharsets.UTF_8) + "]");
        }
        return new Result(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    /** Starts {@code main} in a child JVM with its standard input closed; the caller reads and waits. */
    public static Process start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (!Platform.isWindows()) {
            command.addAll(List.of("/bin/sh", "-c", "ulimit -c 0 && exec \"$0\" \"$@\""));
        }
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return process;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@link ProviderCreatingMain} with {@code provider} and JVM options, such as a false {@code os.name}. */
    public static Result createThrough(Class<? extends OsBackendProvider> provider, String... jvmOptions)
            throws Exception {
        return run(List.of(jvmOptions), DEFAULT_TIMEOUT, ProviderCreatingMain.class, provider.getName());
    }

    /**
     * The child: creates a backend with the provider class named by its one argument, then prints
     * {@code created <id>}, or one line {@code failure: <type>: <message>} per exception of the chain.
     */
    public static final class ProviderCreatingMain {

        /** The line prefix of each exception in the chain. */
        public static final String FAILURE = "failure: ";

        private ProviderCreatingMain() {
        }

        public static void main(String[] args) throws ReflectiveOperationException {
            OsBackendProvider provider = (OsBackendProvider) Class.forName(args[0]).getConstructor().newInstance();
            try {
                System.out.println("created " + provider.create().id());
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    System.out.println(FAILURE + t.getClass().getName() + ": " + t.getMessage());
                }
            }
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
