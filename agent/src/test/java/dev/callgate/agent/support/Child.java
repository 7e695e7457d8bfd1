package dev.callgate.agent.support;

import com.sun.jna.Native;
import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import dev.callgate.testsupport.RunningChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the agent's tests set up a child JVM running one of the test programs, with or without the
 * agent; test-support's {@link ChildJvm} starts it. The class path is the test classes and JNA's
 * jar only: the programs see no callgate class unless the agent brings it.
 */
public final class Child {

    /** How long a program may run; some start a GLib pool and make thousands of calls on a loaded machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

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
        return ChildJvm.locationOf(Native.class);
    }

    /** Temurin 25 on this machine, or null. */
    public static Path temurin25() {
        Path java = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        return Files.isExecutable(java) ? java : null;
    }

    private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> extraClassPath = new ArrayList<>();
    private boolean withJna = true;
    private final Map<String, String> environment = new LinkedHashMap<>();

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
        extraClassPath.add(ChildJvm.locationOf(type));
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

    /** The child JVM that runs {@code mainClass} with {@code args}. */
    public ChildJvm jvm(String mainClass, String... args) {
        List<String> path = new ArrayList<>();
        path.add(ChildJvm.locationOf(Child.class));
        if (withJna) {
            path.add(jnaJar());
        }
        path.addAll(extraClassPath);
        ChildJvm child = ChildJvm.mainClass(mainClass).javaExecutable(java).jvmOptions(jvmOptions).classPath(path)
                .args(args).timeout(TIMEOUT);
        environment.forEach(child::env);
        return child;
    }

    /** Runs {@code mainClass} with stdin closed and waits (at most 120 s). */
    public ChildJvmResult run(String mainClass, String... args) {
        return jvm(mainClass, args).run();
    }

    /** Starts {@code mainClass} with its standard input open, for a test that tells it when to go on. */
    public RunningChild start(String mainClass, String... args) {
        return jvm(mainClass, args).keepStdinOpen().start();
    }
}
