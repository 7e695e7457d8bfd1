package dev.callgate.it.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.callgate.testsupport.ChildJvmResult;
import dev.callgate.it.support.CliJar;
import dev.callgate.it.support.DiagnosticLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

/**
 * callgate's end-to-end scenarios inside Debian userlands, one case per cell of
 * {@code integration/images/cells.tsv} and JVM: each suite's own OpenJDK, plus the host's
 * Temurin 25 bound read-only where the manifest says so.
 *
 * <p>In every case the real callgate.jar runs in containers without network:
 * <ul>
 *   <li>{@code doctor}: the Linux backend is selected, its native write works, and {@code os.arch},
 *       pointer size and native thread id fit the cell's architecture;
 *   <li>{@code demo --policy warn-once}: a pool of four GLib worker threads calls back 200 times
 *       and exactly one diagnostic line reaches stderr; the {@code qsort} callbacks on a JVM thread
 *       give none;
 *   <li>{@code demo --policy abort}: the diagnostic, then death by SIGABRT (exit status 134);
 *   <li>an unmodified plain-JNA program (GLib's pool) under {@code -javaagent:callgate-agent.jar}: every
 *       callback gated, one line; its route (the agent's debug line) is the FFM upcall stub on the
 *       Temurin 25 cases when the agent jar was built on JDK 22+ (it then holds callgate-ffm), and
 *       JNA's, unchanged, on the suites' own JDK 17 and 21;
 *   <li>on the Temurin 25 cases, when the build ran on JDK 22+: callgate-ffm's demo, a GLib pool calling
 *       a gated FFM upcall;
 *   <li>os-linux's own tests of its native calls, with JUnit's console launcher: thread ids by
 *       {@code gettid()} and by the raw {@code syscall(SYS_gettid)} of the cell's architecture
 *       (224 on i386, 178 on arm64), the backend contract kit, and the exit guard's handler code run
 *       on the cell's CPU (glibc cells).
 * </ul>
 *
 * <p>A cell whose architecture the host kernel does not run is emulated by qemu-user, registered by
 * {@code integration/images/qemu-binfmt.sh}; the report says, per cell, how it ran and why
 * ({@link HowItRuns}).
 *
 * <p>Without a Docker engine the matrix is skipped with one line saying why, unless {@code CI=true},
 * where it fails the build (see {@link MatrixRequirement}). Every run writes
 * {@code matrix-report.md} (system property {@code test.callgate.report}).
 */
@EnabledOnOs(OS.LINUX)
class LinuxUserlandMatrixTest {

    private static final Path CLI_JAR = CliJar.path();
    private static final Path AGENT_JAR = Path.of(System.getProperty("test.callgate.agent.jar", "target/no-agent-jar"));
    private static final Path JNA_JAR = Path.of(System.getProperty("test.callgate.jna.jar", "target/no-jna-jar"));
    /** callgate-ffm and what its demo needs; only built on JDK 22+ (else no file, and no FFM scenario). */
    private static final List<Path> FFM_JARS = Stream.of("test.callgate.ffm.jar", "test.callgate.api.jar", "test.callgate.linux.jar")
            .map(p -> Path.of(System.getProperty(p, "target/no-" + p))).toList();
    /** callgate-ffm's test classes, where its demo (FfmDemo, not published) is. */
    private static final Path FFM_DEMO_CLASSES = Path.of(System.getProperty("test.callgate.ffm.tests", "target/no-ffm-tests"));
    private static final Path JUNIT_CONSOLE_JAR = Path.of(System.getProperty("test.callgate.junit.console.jar", "target/no-junit-console"));
    private static final List<Path> OS_LINUX_TEST_PATH = Stream.of("test.callgate.oslinux.tests", "test.callgate.linux.jar",
            "test.callgate.api.jar", "test.callgate.contract.jar").map(p -> Path.of(System.getProperty(p, "target/no-" + p))).toList();
    /** os-linux's tests of its real native calls; the others need gcc, libuv or many child JVMs. */
    private static final List<String> OS_LINUX_TESTS = List.of("LinuxLibCTest", "LinuxSyscallNumbersTest",
            "LinuxBackendContractTest", "ExitStubCodeTest");
    private static final Path REPORT_FILE = Path.of(System.getProperty("test.callgate.report", "target/matrix-report.md"));
    private static final Path TEMURIN_25 =
            Path.of(System.getProperty("test.callgate.temurin25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    /** Per container; a JVM start and 200 callbacks take about a second, a hang fails with what it printed. */
    private static final Duration CONTAINER_TIMEOUT = Duration.ofSeconds(120);
    private static final String FIX = "run .ci/start-docker.sh, then integration/images/build-images.sh, before ./mvnw verify";

    private static final Pattern FOREIGN = DiagnosticLines.foreignThread("demo-tick", "linux");
    private static final Pattern JAVA_LINE = Pattern.compile("java: (\\S+) \\((.*), (\\S+)\\)");
    private static final int KILLED_BY_SIGABRT = ChildJvmResult.KILLED_BY_SIGABRT;

    private static final MatrixReport REPORT = new MatrixReport();
    private static CellContainer containers;
    private static boolean engineReachable;

    static Stream<MatrixCase> cases() {
        return CellManifest.read(CellManifest.imagesDir()).stream().flatMap(cell -> MatrixCase.of(cell, TEMURIN_25).stream());
    }

    @BeforeAll
    static void dockerEngineAnswers() {
        Optional<String> why = DockerEngineProbe.whyUnreachable();
        if (why.isPresent()) {
            REPORT.note("Not run: Docker engine not reachable (" + why.get() + ").");
            MatrixRequirement.unmet("Docker engine not reachable (" + why.get() + ")",
                    "the Testcontainers matrix is skipped; .ci/run starts one", FIX);
        }
        engineReachable = true;
        if (!Files.isRegularFile(CLI_JAR)) {
            REPORT.note("Not run: no callgate.jar at " + CLI_JAR.toAbsolutePath() + ".");
            fail("no callgate.jar at " + CLI_JAR.toAbsolutePath() + " (system property test.callgate.cli.jar): build it with"
                    + " ./mvnw -pl cli package, or ./mvnw verify from the repo root");
        }
        containers = new CellContainer(CLI_JAR, CONTAINER_TIMEOUT);
    }

    @AfterAll
    static void writeReport() {
        String dockerVersion = engineReachable ? DockerEngineProbe.serverVersion() : "not reachable";
        REPORT.write(REPORT_FILE, dockerVersion);
        if (!engineReachable) {
            return; // the skip (or CI failure) already said why, in one line
        }
        System.out.println("[callgate matrix] report " + REPORT_FILE.toAbsolutePath() + ":\n" + REPORT.markdown(dockerVersion));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scenariosPassInCell(MatrixCase matrixCase) {
        long started = System.nanoTime();
        String javaVersion = null;
        List<String> options = HowItRuns.jvmOptions(matrixCase.cell().arch());
        String how = HowItRuns.of(matrixCase.cell().arch()).orElse("unknown")
                + (options.isEmpty() ? "" : "; its JVMs run with " + String.join(" ", options));
        try {
            requireImage(matrixCase.cell());
            requireHostJvm(matrixCase);
            requireArchitecture(matrixCase.cell());

            ChildJvmResult doctor = containers.run(matrixCase, "doctor");
            javaVersion = javaLine(doctor).map(m -> m.group(1)).orElse(null);
            checkDoctor(matrixCase, doctor);
            checkWarnOnce(containers.run(matrixCase, "demo", "--policy", "warn-once", "--calls", "200", "--threads", "4"));
            checkAbort(containers.run(matrixCase, "demo", "--policy", "abort", "--calls", "50", "--threads", "1"));
            checkAgent(matrixCase, runAgentDemo(matrixCase));
            if (matrixCase.hostJvm().isPresent() && FFM_JARS.stream().allMatch(Files::isRegularFile)
                    && Files.isRegularFile(FFM_DEMO_CLASSES.resolve("dev/callgate/ffm/FfmDemo.class"))) {
                checkFfm(runFfmDemo(matrixCase));
            }
            checkOsLinuxTests(runOsLinuxTests(matrixCase));

            REPORT.add(matrixCase, javaVersion, how, "pass", secondsSince(started));
        } catch (TestAbortedException e) {
            REPORT.add(matrixCase, javaVersion, how, "skipped: " + e.getMessage(), secondsSince(started));
            throw e;
        } catch (AssertionError e) {
            REPORT.add(matrixCase, javaVersion, how, "fail: " + e.getMessage(), secondsSince(started));
            throw e;
        } catch (RuntimeException e) {
            REPORT.add(matrixCase, javaVersion, how, "fail: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    secondsSince(started));
            throw e;
        }
    }

    /** The backend, the native write, and the platform facts of the cell's architecture. */
    private static void checkDoctor(MatrixCase matrixCase, ChildJvmResult run) {
        MatrixCell cell = matrixCase.cell();
        assertExit(run, 0, "doctor");
        assertLine(run, "backend: linux", "doctor");
        assertLine(run, "native write: ok", "doctor");
        assertLine(run, "os.arch: " + cell.expectedOsArch(), "doctor");
        assertLine(run, "pointer size: " + cell.expectedPointerSize() + " bytes", "doctor");
        assertTrue(run.stdoutLines().stream().anyMatch(line -> line.startsWith("directory listing: ")),
                () -> "doctor: stdout lacks the \"directory listing: \" line\n" + run.describe());
        if (cell.expectedPointerSize() == 8) { // 64-bit directory offsets fit a 64-bit JVM's readdir, emulated or not
            assertLine(run, "directory listing: ok", "doctor");
        }

        // The JVM that ran is the one the case names, not some other java on the image's PATH.
        Matcher java = javaLine(run).orElseThrow(() -> new AssertionError(
                "doctor: stdout lacks the \"java: <version> (<vm>, <java.home>)\" line\n" + run.describe()));
        assertEquals(matrixCase.javaHome(), java.group(3), () -> "doctor: java.home is not the case's JVM\n" + run.describe());
        String major = matrixCase.expectedMajorVersion();
        assertTrue(java.group(1).equals(major) || java.group(1).startsWith(major + "."),
                () -> "doctor: java.version " + java.group(1) + " is not " + matrixCase.jvm() + "\n" + run.describe());

        long tid = number(run, "native thread id: ", "doctor");
        // gettid() returns a pid_t: positive and 32 bits wide on every Linux architecture.
        assertTrue(tid > 0 && tid <= Integer.MAX_VALUE,
                () -> "doctor: native thread id " + tid + " is not a positive pid_t\n" + run.describe());
        String written = "callgate: doctor: native write works (native thread " + tid + ", os linux)";
        assertTrue(run.stderrLines().contains(written),
                () -> "doctor: stderr lacks the line its native write promised: " + written + "\n" + run.describe());
    }

    /** WARN_ONCE: four foreign GLib threads, exactly one diagnostic; qsort on a JVM thread, none. */
    private static void checkWarnOnce(ChildJvmResult run) {
        assertExit(run, 0, "demo warn-once");
        List<String> foreign = DiagnosticLines.matching(run.stderrLines(), FOREIGN);
        assertEquals(1, foreign.size(), () -> "demo warn-once: " + foreign.size()
                + " foreign-thread diagnostic lines on stderr, exactly 1 expected\n" + run.describe());
        long tid = DiagnosticLines.numbers(foreign, FOREIGN).get(0);
        assertTrue(tid > 0, () -> "demo warn-once: the diagnostic names native thread " + tid + "\n" + run.describe());
        assertLine(run, "backend: linux", "demo warn-once");
        assertLine(run, "calls: 200", "demo warn-once");
        assertLine(run, "foreign calls: 200", "demo warn-once");
        // Not "foreign threads: 4": the demo does not make every worker take an item, and measured
        // in these containers 1 run in 4 (amd64) to 1 in 7 (i386) had only 2 or 3 workers call back
        // before the queue was empty. At least one, at most the pool's four, is what it promises.
        long threads = number(run, "foreign threads: ", "demo warn-once");
        assertTrue(threads >= 1 && threads <= 4, () -> "demo warn-once: foreign threads " + threads
                + ", expected 1 to 4 (the pool has 4 GLib workers)\n" + run.describe());
        assertLine(run, "qsort diagnostics: 0", "demo warn-once");
    }

    /** An unmodified plain-JNA program under {@code -javaagent:callgate-agent.jar}. */
    private static ChildJvmResult runAgentDemo(MatrixCase matrixCase) {
        assertTrue(Files.isRegularFile(AGENT_JAR) && Files.isRegularFile(JNA_JAR), () -> "agent scenario: no "
                + AGENT_JAR + " or " + JNA_JAR + " (system properties test.callgate.agent.jar, test.callgate.jna.jar)");
        List<String> args = new ArrayList<>();
        if (matrixCase.hostJvm().isPresent()) {
            args.add("--enable-native-access=ALL-UNNAMED"); // JDK 22+: JNA's native calls without a warning
        }
        args.addAll(List.of("-Dcallgate.agent.debug=true", "-javaagent:/callgate/agent.jar", "-cp",
                "/callgate/agent.jar:/callgate/jna.jar",
                "dev.callgate.agent.AgentDemo", "200"));
        return containers.runJava(matrixCase, Map.of(AGENT_JAR, "/callgate/agent.jar", JNA_JAR, "/callgate/jna.jar"), args);
    }

    /**
     * The agent gated every callback of the plain-JNA demo, kept its GLib thread attached, said it
     * once, on the route this cell's JVM and the agent jar give it.
     */
    private static void checkAgent(MatrixCase matrixCase, ChildJvmResult run) {
        assertExit(run, 0, "agent demo");
        assertLine(run, "agent: gated 200 callbacks", "agent demo");
        String route = "callgate-agent: callback GFunc takes " + expectedAgentRoute(matrixCase);
        assertEquals(1, run.stderrLines(line -> line.startsWith(route)).size(),
                () -> "agent demo: expected one line starting \"" + route + "\"\n" + run.describe());
        Pattern foreign = Pattern.compile("callgate: callback \\S+ on thread not created by the JVM \\(native thread \\d+,"
                + " os linux\\); ran it \\(policy WARN_ONCE: said once per callback\\)");
        assertEquals(1, DiagnosticLines.matching(run.stderrLines(), foreign).size(),
                () -> "agent demo: exactly one foreign-thread line expected\n" + run.describe());
    }

    /** The start of the agent's route line for the demo's callback in this case. */
    private static String expectedAgentRoute(MatrixCase matrixCase) {
        if (matrixCase.hostJvm().isEmpty()) {
            return "JNA's route: JDK " + matrixCase.expectedMajorVersion() + "; the FFM route needs JDK 22 or later";
        }
        return AgentJar.holdsFfm(AGENT_JAR) ? "the FFM route: an FFM upcall stub converts (Pointer, Pointer) -> void"
                : "JNA's route: callgate-ffm is not on the class or module path";
    }

    /** callgate-ffm's demo: a GLib pool calls a gated FFM upcall stub (JDK 22+ cells). */
    private static ChildJvmResult runFfmDemo(MatrixCase matrixCase) {
        Map<Path, String> files = Map.of(FFM_JARS.get(0), "/callgate/ffm.jar", FFM_JARS.get(1), "/callgate/api.jar",
                FFM_JARS.get(2), "/callgate/linux.jar", FFM_DEMO_CLASSES, "/callgate/ffm-tests", JNA_JAR, "/callgate/jna.jar");
        return containers.runJava(matrixCase, files, List.of("--enable-native-access=ALL-UNNAMED", "-cp",
                "/callgate/ffm.jar:/callgate/ffm-tests:/callgate/api.jar:/callgate/linux.jar:/callgate/jna.jar", "dev.callgate.ffm.FfmDemo",
                "--calls", "200", "--threads", "2"));
    }

    private static void checkFfm(ChildJvmResult run) {
        assertExit(run, 0, "ffm demo");
        assertLine(run, "backend: linux", "ffm demo");
        assertLine(run, "foreign calls: 200", "ffm demo");
        assertEquals(1, run.stderrLines(line -> line.contains(" on thread not created by the JVM ")).size(),
                () -> "ffm demo: exactly one foreign-thread line expected\n" + run.describe());
    }

    /** os-linux's tests of its native calls, run in the cell by JUnit's console launcher. */
    private static ChildJvmResult runOsLinuxTests(MatrixCase matrixCase) {
        List<Path> jars = new ArrayList<>(OS_LINUX_TEST_PATH);
        jars.add(JNA_JAR);
        jars.add(JUNIT_CONSOLE_JAR);
        Map<Path, String> files = new LinkedHashMap<>();
        List<String> classPath = new ArrayList<>();
        for (int i = 0; i < jars.size(); i++) {
            Path jar = jars.get(i);
            assertTrue(Files.exists(jar), () -> "os-linux tests scenario: no " + jar + " (build os-linux's tests first:"
                    + " ./mvnw verify from the repo root)");
            String inContainer = "/callgate/oslinux/" + i + (Files.isDirectory(jar) ? "" : ".jar");
            files.put(jar, inContainer);
            if (!jar.equals(JUNIT_CONSOLE_JAR)) {
                classPath.add(inContainer);
            }
        }
        List<String> args = new ArrayList<>(List.of("-jar", files.get(JUNIT_CONSOLE_JAR), "execute", "--disable-banner",
                "--disable-ansi-colors", "--details=tree", "--details-theme=ascii", "--class-path", String.join(":", classPath)));
        OS_LINUX_TESTS.forEach(test -> args.addAll(List.of("--select-class", "dev.callgate.os.linux." + test)));
        return containers.runJava(matrixCase, files, args);
    }

    /**
     * Every selected test passed, the raw-syscall thread id and the exit guard's handler code for
     * this CPU among them (not skipped).
     */
    private static void checkOsLinuxTests(ChildJvmResult run) {
        assertExit(run, 0, "os-linux tests");
        assertTrue(run.stdoutLines().stream().anyMatch(line -> line.matches(".*\\[\\s+0 tests failed\\s+].*")),
                () -> "os-linux tests: the launcher's summary lacks \"0 tests failed\"\n" + run.describe());
        assertTrue(run.stdoutLines().stream().anyMatch(line -> line.contains("theSyscallFallbackReturnsWhatGettidReturns() [OK]")),
                () -> "os-linux tests: the raw syscall(SYS_gettid) test did not pass in this cell\n" + run.describe());
        assertTrue(run.stdoutLines().stream().anyMatch(
                        line -> line.contains("theHandlerCallsTheBlocksFunctionWithTheStatusOnlyWhileArmed() [OK]")),
                () -> "os-linux tests: the exit guard's handler code did not run on this cell's CPU\n" + run.describe());
    }

    /** ABORT: the diagnostic reaches stderr, then the process dies of SIGABRT. */
    private static void checkAbort(ChildJvmResult run) {
        List<String> foreign = DiagnosticLines.matching(run.stderrLines(), FOREIGN);
        assertTrue(!foreign.isEmpty(), () -> "demo abort: no foreign-thread diagnostic on stderr before the abort\n"
                + run.describe());
        assertExit(run, KILLED_BY_SIGABRT, "demo abort");
    }

    private static void assertExit(ChildJvmResult run, int expected, String scenario) {
        assertEquals(expected, run.exitCode(), () -> scenario + ": exit status " + run.exitCode() + ", expected "
                + expected + (expected == KILLED_BY_SIGABRT ? " (SIGABRT)" : "") + "\n" + run.describe());
    }

    private static void assertLine(ChildJvmResult run, String line, String scenario) {
        assertTrue(run.stdoutHasLine(line), () -> scenario + ": stdout lacks \"" + line + "\"\n" + run.describe());
    }

    /** The number on the stdout line {@code prefix<number>}. */
    private static long number(ChildJvmResult run, String prefix, String scenario) {
        return run.stdoutLines().stream().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length()).strip())).findFirst()
                .orElseThrow(() -> new AssertionError(scenario + ": stdout lacks \"" + prefix + "N\"\n" + run.describe()));
    }

    private static Optional<Matcher> javaLine(ChildJvmResult run) {
        return run.stdoutLines().stream().map(JAVA_LINE::matcher).filter(Matcher::matches).findFirst();
    }

    /** The cell's image is local and was built from the current cells.tsv row and build-images.sh. */
    private static void requireImage(MatrixCell cell) {
        Map<String, String> labels;
        try {
            labels = DockerClientFactory.instance().client().inspectImageCmd(cell.image()).exec().getConfig().getLabels();
        } catch (NotFoundException e) {
            MatrixRequirement.unmet("image " + cell.image() + " is not built",
                    "this cell is skipped; build it with integration/images/build-images.sh (as root, dockerd running)", FIX);
            return;
        }
        String label = labels == null ? null : labels.get("dev.callgate.spec");
        if (!cell.spec().equals(label)) {
            MatrixRequirement.unmet("image " + cell.image() + " is stale (label dev.callgate.spec " + abbreviate(label)
                    + ", cells.tsv and build-images.sh now give " + abbreviate(cell.spec()) + ")",
                    "this cell is skipped; rebuild it with integration/images/build-images.sh", FIX);
        }
    }

    /** The host runs the cell's architecture natively, or qemu-binfmt.sh made it run emulated. */
    private static void requireArchitecture(MatrixCell cell) {
        if (HowItRuns.of(cell.arch()).isEmpty()) {
            MatrixRequirement.unmet("whether this " + HowItRuns.hostDebianArch() + " host runs " + cell.arch()
                    + " binaries is unknown (no " + HowItRuns.RECORDS.resolve(cell.arch()) + ")",
                    "this cell is skipped; integration/images/build-images.sh registers qemu-user where the kernel needs it",
                    "run integration/images/qemu-binfmt.sh " + cell.arch() + " as root (build-images.sh does)");
        }
    }

    private static void requireHostJvm(MatrixCase matrixCase) {
        Optional<Path> host = matrixCase.hostJvm();
        if (host.isPresent() && !Files.isExecutable(host.get().resolve("bin/java"))) {
            MatrixRequirement.unmet("no Temurin 25 at " + host.get() + " (system property test.callgate.temurin25.home)",
                    "this case is skipped; install Temurin 25 there or point test.callgate.temurin25.home at one",
                    "install Temurin 25 at " + host.get());
        }
    }

    private static String abbreviate(String spec) {
        return spec == null ? "missing" : spec.substring(0, Math.min(12, spec.length()));
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
