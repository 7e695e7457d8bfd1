package dev.callgate.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a second JVM and captures what it did: exit status, standard output, standard error.
 *
 * <p>By default the child uses the java binary of the JVM running the tests
 * ({@code java.home}) and, for a main class, this JVM's {@code java.class.path}, so test classes
 * can serve as child programs. Either can be replaced ({@link #javaExecutable(Path)},
 * {@link #classPath(String)}), which is how a caller runs a different JDK or a container's
 * command line built from {@link #command()}.
 *
 * <pre>{@code
 * ChildJvmResult r = ChildJvm.jar(CliJar.path())
 *         .args("demo", "--policy", "warn")
 *         .systemProperty("callgate.os", "linux")
 *         .timeout(Duration.ofSeconds(60))
 *         .run();
 * assertEquals(0, r.exitCode(), r::describe);
 * }</pre>
 *
 * <p>Both output streams are drained on their own threads while the child runs, so a chatty
 * child never blocks on a full pipe. A child still running at the timeout is killed (with its
 * descendants) and {@link #run()} throws an {@link AssertionError} carrying the output so far:
 * a hang is a test failure with evidence, never a stuck build.
 */
public final class ChildJvm {

    /** What {@link #timeout(Duration)} is unless set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final String mainClass;
    private final Path jar;
    private final String mainModule;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    private String classPath = System.getProperty("java.class.path");
    private Path workingDirectory;
    private Duration timeout = DEFAULT_TIMEOUT;

    private ChildJvm(String mainClass, Path jar, String mainModule) {
        this.mainClass = mainClass;
        this.jar = jar;
        this.mainModule = mainModule;
    }

    /** A child that runs {@code mainClass} on this JVM's class path. */
    public static ChildJvm mainClass(Class<?> mainClass) {
        return mainClass(mainClass.getName());
    }

    /** A child that runs the class named {@code mainClass} on this JVM's class path. */
    public static ChildJvm mainClass(String mainClass) {
        return new ChildJvm(mainClass, null, null);
    }

    /**
     * A child that runs a named module's main class, {@code java -m module/mainClass}; its module
     * path is a JVM option ({@code --module-path}).
     */
    public static ChildJvm mainModule(String module, String mainClass) {
        return new ChildJvm(null, null, module + "/" + mainClass);
    }

    /**
     * A child that runs {@code java -jar jar}.
     *
     * @throws AssertionError if the jar does not exist, naming the path and how it is built
     */
    public static ChildJvm jar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no jar at " + jar.toAbsolutePath() + "; build it first (for callgate.jar: ./mvnw"
                    + " -pl cli package, or ./mvnw verify from the repo root)");
        }
        return new ChildJvm(null, jar, null);
    }

    /** The java binary to start; this JVM's own by default. */
    public ChildJvm javaExecutable(Path java) {
        this.javaExecutable = java;
        return this;
    }

    /** The class path for a main-class child; this JVM's {@code java.class.path} by default. */
    public ChildJvm classPath(String classPath) {
        this.classPath = classPath;
        return this;
    }

    /** JVM options such as {@code -Xmx64m}, placed before the main class or {@code -jar}. */
    public ChildJvm jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** A {@code -Dname=value} option. */
    public ChildJvm systemProperty(String name, String value) {
        systemProperties.put(name, value);
        return this;
    }

    /** An environment variable of the child, on top of this JVM's environment. */
    public ChildJvm env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Program arguments, after the main class or jar. */
    public ChildJvm args(String... programArgs) {
        args.addAll(List.of(programArgs));
        return this;
    }

    /**
     * The child's working directory; by default a fresh temporary one, so files a child may leave
     * (a core dump after {@code abort}, an {@code hs_err} log) stay out of the project tree.
     */
    public ChildJvm workingDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /** How long the child may run before it is killed and {@link #run()} fails. */
    public ChildJvm timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** The full command line: java, JVM options, system properties, class path and main class or -jar or -m, arguments. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        if (jar != null) {
            command.add("-jar");
            command.add(jar.toString());
        } else if (mainModule != null) {
            command.add("-m");
            command.add(mainModule);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
        }
        command.addAll(args);
        return command;
    }

    /**
     * Starts the child, waits for it to exit by itself, and returns what it did.
     *
     * @throws AssertionError if it is still running at the timeout (it is then killed; the message
     *     holds the command and its output so far)
     * @throws UncheckedIOException if it cannot be started
     */
    public ChildJvmResult run() {
        Path ownDirectory = ownDirectory();
        try {
            return runIn(command(), ownDirectory);
        } finally {
            removeIfEmpty(ownDirectory);
        }
    }

    /**
     * Starts the child with its environment and standard input closed, in its working directory or,
     * when none was set, in {@code ownDirectory}.
     *
     * @throws UncheckedIOException if it cannot be started
     */
    Process start(List<String> command, Path ownDirectory) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.directory((workingDirectory != null ? workingDirectory : ownDirectory).toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM: " + String.join(" ", command), e);
        }
        try {
            process.getOutputStream().close(); // the child reads no input: it sees end of file at once
        } catch (IOException ignored) {
            // the child already exited; its exit status tells the rest
        }
        return process;
    }

    /** A fresh temporary working directory, or null when this child has its own. */
    Path ownDirectory() {
        return workingDirectory == null ? newTemporaryDirectory() : null;
    }

    private static Path newTemporaryDirectory() {
        try {
            return Files.createTempDirectory("callgate-child-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for the child JVM", e);
        }
    }

    private ChildJvmResult runIn(List<String> command, Path ownDirectory) {
        long started = System.nanoTime();
        Process process = start(command, ownDirectory);
        StreamCollector out = StreamCollector.start(process.getInputStream(), "child-stdout");
        StreamCollector err = StreamCollector.start(process.getErrorStream(), "child-stderr");
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("child JVM did not exit within " + timeout.toSeconds() + " s and was killed.\n"
                    + "command: " + String.join(" ", command) + "\n--- stdout so far ---\n" + out.text()
                    + "\n--- stderr so far ---\n" + err.text());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new ChildJvmResult(command, process.exitValue(), out.awaitText(), err.awaitText(), elapsed);
    }

    /** Deletes the temporary working directory unless the child left something there (a core dump is evidence). */
    static void removeIfEmpty(Path directory) {
        if (directory != null) {
            try {
                Files.deleteIfExists(directory);
            } catch (IOException notEmpty) {
                // keep it
            }
        }
    }

    /** Reads one stream of the child to its end on a daemon thread. */
    private static final class StreamCollector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(); // synchronized writes
        private final Thread reader;

        private StreamCollector(InputStream in, String name) {
            this.reader = new Thread(() -> drain(in), name);
            this.reader.setDaemon(true);
        }

        static StreamCollector start(InputStream in, String name) {
            StreamCollector collector = new StreamCollector(in, name);
            collector.reader.start();
            return collector;
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    bytes.write(buffer, 0, n);
                }
            } catch (IOException closedWhenKilled) {
                // the process was destroyed: keep what was read
            }
        }

        /** What was read so far, without waiting. */
        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Everything, once the child exited and the pipe reached its end (bounded: a grandchild may hold it open). */
        String awaitText() {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text();
        }
    }
}
