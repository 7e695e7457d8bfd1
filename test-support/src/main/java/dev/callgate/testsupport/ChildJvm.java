package dev.callgate.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a second JVM and captures what it did: exit status, standard output, standard error. The
 * one launcher of callgate's tests: every test module starts its child JVMs here.
 *
 * <p>By default the child uses the java binary of the JVM running the tests ({@code java.home})
 * and, for a main class, this JVM's {@code java.class.path}, so test classes can serve as child
 * programs. Either can be replaced ({@link #jdk(Path)}, {@link #javaExecutable(Path)},
 * {@link #classPath(String)}, {@link #modulePath(String)}).
 *
 * <pre>{@code
 * ChildJvmResult r = ChildJvm.jar(cliJar)
 *         .args("demo", "--policy", "warn")
 *         .systemProperty("callgate.os", "linux")
 *         .timeout(Duration.ofSeconds(60))
 *         .run();
 * assertEquals(0, r.exitCode(), r::describe);
 * }</pre>
 *
 * <p>Both output streams are drained on their own threads while the child runs, so a chatty child
 * never blocks on a full pipe. A child still running at the timeout is killed (with its
 * descendants) and {@link #run()} throws an {@link AssertionError} carrying the output so far: a
 * hang is a test failure with evidence, never a stuck build. {@link #start()} gives a child a test
 * steers while it runs.
 */
public final class ChildJvm {

    /** What {@link #timeout(Duration)} is unless set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final String mainClass;
    private final Path jar;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    private String classPath = System.getProperty("java.class.path");
    private String modulePath;
    private Path workingDirectory;
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean noCoreDump;
    private boolean keepStdinOpen;

    private ChildJvm(String mainClass, Path jar) {
        this.mainClass = mainClass;
        this.jar = jar;
    }

    /** A child that runs {@code mainClass} on this JVM's class path. */
    public static ChildJvm mainClass(Class<?> mainClass) {
        return mainClass(mainClass.getName());
    }

    /**
     * A child that runs the class named {@code mainClass} on this JVM's class path; with
     * {@link #modulePath(String)}, a {@code module/class} name runs it from the module path.
     */
    public static ChildJvm mainClass(String mainClass) {
        return new ChildJvm(mainClass, null);
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
        return new ChildJvm(null, jar);
    }

    /** A child of JVM options only (such as {@code -version}): no class path, no main class. */
    public static ChildJvm optionsOnly() {
        return new ChildJvm(null, null);
    }

    /** The jar or directory {@code type} was loaded from: for a class path built of chosen entries. */
    public static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code bin/java} of the JDK at {@code home}. */
    public ChildJvm jdk(Path home) {
        return javaExecutable(home.resolve("bin").resolve("java"));
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

    /** The class path made of these entries (jars or directories). */
    public ChildJvm classPath(List<String> entries) {
        return classPath(String.join(File.pathSeparator, entries));
    }

    /** A module path; the child then has no class path unless {@link #classPath(String)} sets one after this. */
    public ChildJvm modulePath(String modulePath) {
        this.modulePath = modulePath;
        this.classPath = null;
        return this;
    }

    /** JVM options such as {@code -Xmx64m}, placed before the main class or {@code -jar}. */
    public ChildJvm jvmOptions(String... options) {
        return jvmOptions(List.of(options));
    }

    /** JVM options such as {@code -Xmx64m}, placed before the main class or {@code -jar}. */
    public ChildJvm jvmOptions(List<String> options) {
        jvmOptions.addAll(options);
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
        return args(List.of(programArgs));
    }

    /** Program arguments, after the main class or jar. */
    public ChildJvm args(List<String> programArgs) {
        args.addAll(programArgs);
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

    /**
     * Starts the child through {@code /bin/sh -c "ulimit -c 0 && exec ..."} on POSIX systems, so
     * that an abort leaves no core file of hundreds of megabytes behind.
     */
    public ChildJvm noCoreDump() {
        this.noCoreDump = !System.getProperty("os.name").startsWith("Windows");
        return this;
    }

    /** Leaves the child's standard input open for {@link RunningChild#send(String)}; closed by default. */
    public ChildJvm keepStdinOpen() {
        this.keepStdinOpen = true;
        return this;
    }

    /** How long the child may run. */
    Duration timeout() {
        return timeout;
    }

    /** The java command line: java, JVM options, system properties, class or module path and main class or -jar, arguments. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        if (jar != null) {
            command.add("-jar");
            command.add(jar.toString());
        } else if (mainClass != null) {
            if (modulePath != null) {
                command.add("--module-path");
                command.add(modulePath);
            }
            if (classPath != null) {
                command.add("-cp");
                command.add(classPath);
            }
            if (modulePath != null && mainClass.contains("/")) {
                command.add("-m");
            }
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
        try (RunningChild child = start()) {
            return child.awaitResult();
        }
    }

    /** Starts the child for a test to steer; both streams are read as the child writes them. */
    public RunningChild start() {
        return new RunningChild(this, true);
    }

    /** Starts the child with its standard error a pipe that nobody reads: a stalled reader. */
    public RunningChild startWithStalledStderr() {
        return new RunningChild(this, false);
    }

    /**
     * Starts the child with its environment, in its working directory or, when none was set, in
     * {@code ownDirectory}.
     *
     * @throws UncheckedIOException if it cannot be started
     */
    Process launch(List<String> command, Path ownDirectory) {
        List<String> full = new ArrayList<>();
        if (noCoreDump) {
            full.addAll(List.of("/bin/sh", "-c", "ulimit -c 0 && exec \"$0\" \"$@\""));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full);
        builder.environment().putAll(environment);
        builder.directory((workingDirectory != null ? workingDirectory : ownDirectory).toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM: " + String.join(" ", command), e);
        }
        if (!keepStdinOpen) {
            try {
                process.getOutputStream().close(); // the child reads no input: it sees end of file at once
            } catch (IOException ignored) {
                // the child already exited; its exit status tells the rest
            }
        }
        return process;
    }

    /** A fresh temporary working directory, or null when this child has its own. */
    Path ownDirectory() {
        if (workingDirectory != null) {
            return null;
        }
        try {
            return Files.createTempDirectory("callgate-child-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for the child JVM", e);
        }
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
}
