package dev.callgate.agent.support;

import com.sun.jna.Native;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM running one of the test programs, with or without the agent, its output captured.
 * The class path is the test classes and JNA's jar only: the programs see no callgate class unless
 * the agent brings it.
 */
public final class Child {

    /** The shaded agent jar the build made (surefire passes its path). */
    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("test.callgate.agent.jar", "target/callgate-agent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no agent jar at " + jar.toAbsolutePath() + "; run ./mvnw -pl agent -am package");
        }
        return jar;
    }

    /** JNA's jar (for a program that loads it in a loader of its own). */
    public static String jnaJar() {
        return location(Native.class);
    }

    public static String programClassPath() {
        return location(Child.class) + File.pathSeparator + location(Native.class);
    }

    /** Temurin 25 on this machine, or null. */
    public static Path temurin25() {
        Path java = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        return Files.isExecutable(java) ? java : null;
    }

    private final List<String> command = new ArrayList<>();
    private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> extraClassPath = new ArrayList<>();
    private boolean withJna = true;
    private final Map<String, String> environment = new HashMap<>();

    private Child() {
        // A callback waits 10 ms for its diagnostic by default; on this shared 2-core machine (load
        // average up to 7) the writer thread was once not scheduled in time and the line was dropped,
        // as designed. The tests count lines, so they give the writer two seconds.
        jvmOptions.add("-Dcallgate.diagnosticTimeoutMillis=2000");
    }

    public static Child program() {
        return new Child();
    }

    public Child java(Path executable) {
        this.java = executable;
        return this;
    }

    /** {@code -javaagent:<jar>[=options]}; options may be null. */
    public Child withAgent(String options) {
        jvmOptions.add("-javaagent:" + agentJar() + (options == null ? "" : "=" + options));
        return this;
    }

    /** Leaves JNA's jar off the class path: the child sees the test classes only. */
    public Child withoutJna() {
        withJna = false;
        return this;
    }

    /** Sets a variable in the child's environment (JAVA_TOOL_OPTIONS, say). */
    public Child env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Adds the jar or directory that holds {@code type} to the class path. */
    public Child alsoOnClassPath(Class<?> type) {
        extraClassPath.add(location(type));
        return this;
    }

    /** Adds a jar or directory to the class path. */
    public Child alsoOnClassPath(Path entry) {
        extraClassPath.add(entry.toString());
        return this;
    }

    public Child jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public List<String> command(String mainClass, String... args) {
        List<String> c = new ArrayList<>();
        c.add(java.toString());
        c.addAll(jvmOptions);
        c.add("-cp");
        List<String> path = new ArrayList<>(List.of(withJna ? programClassPath() : location(Child.class)));
        path.addAll(extraClassPath);
        c.add(String.join(File.pathSeparator, path));
        c.add(mainClass);
        c.addAll(List.of(args));
        return c;
    }

    /** Runs {@code mainClass} with stdin closed and waits (at most 120 s). */
    public Result run(String mainClass, String... args) {
        return run(command(mainClass, args), environment);
    }

    /** Runs any command (not a program class: {@code java -version}, say) with these environment variables. */
    public static Result run(List<String> command, Map<String, String> environment) {
        Process process = start(command, environment);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        return finish(process);
    }

    /** The {@code java} executable of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static Process start(List<String> command) {
        return start(command, Map.of());
    }

    private static Process start(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(Files.createTempDirectory("callgate-agent-child").toFile());
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Reads both streams to their end, waits for the exit; kills the child after 120 s. */
    public static Result finish(Process process) {
        Drain out = new Drain(process.getInputStream());
        Drain err = new Drain(process.getErrorStream());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child did not exit in 120 s\n" + out.text() + "\n" + err.text());
            }
            out.thread.join(10_000);
            err.thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Result(process.exitValue(), out.text(), err.text());
    }

    /** Writes one line to the child's stdin. */
    public static void tell(Process process, String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Drain {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Thread thread;

        Drain(InputStream in) {
            thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        bytes.write(buffer, 0, n);
                    }
                } catch (IOException ignored) {
                    // killed
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** What a child did. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The value of {@code key=} on stdout. */
        public String value(String key) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(stdout);
            if (!m.find()) {
                throw new AssertionError("no " + key + "= in the child's output\n" + describe());
            }
            return m.group(1).strip();
        }

        public long number(String key) {
            return Long.parseLong(value(key));
        }

        /** Lines of stderr that contain {@code text}. */
        public List<String> linesWith(String text) {
            return stderr.lines().filter(l -> l.contains(text)).toList();
        }

        public String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n"
                    + (stderr.length() > 4000 ? stderr.substring(0, 4000) + "..." : stderr);
        }
    }
}
