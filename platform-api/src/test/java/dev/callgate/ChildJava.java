package dev.callgate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One finished child JVM on this module's test class path (the API and JNA, no OS module), for
 * what is decided once per JVM: backend selection, settings, the exit guard.
 */
public record ChildJava(int status, String stdout, String stderr) {

    /** Runs {@code main} with {@code jvmOptions} and one argument; no core dump; killed after 60 s. */
    public static ChildJava run(Class<?> main, String argument, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -c 0 && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), argument));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child " + main.getName() + " " + argument + " did not end within 60 s");
        }
        return new ChildJava(process.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard error lines that start with {@code prefix}. */
    public List<String> stderrLines(String prefix) {
        return stderr.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The first standard output line that starts with {@code prefix}, or a line saying there is none. */
    public String stdoutLine(String prefix) {
        return stdout.lines().filter(line -> line.startsWith(prefix)).findFirst().orElse("(no line " + prefix + ")");
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
