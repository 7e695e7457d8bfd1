package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.callgate.agent.programs.HandlerProgram;
import dev.callgate.agent.programs.PlainJnaProgram;
import dev.callgate.agent.programs.StubLifeProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.testsupport.ChildJvmResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The unmodified JNA programs under the agent on the route this JVM gives them: on JDK 22 or later
 * (the agent jar built there holds callgate-ffm) with native access enabled, the FFM upcall route;
 * on JDK 17-21, JNA's route, unchanged. Each scenario also runs with {@code route=jna}: both routes
 * give the same results and the same lines.
 */
class AgentFfmRouteIT {

    private static final boolean FFM_JDK = Runtime.version().feature() >= 22;
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    private static final String DEBUG = "-Dcallgate.agent.debug=true";
    private static final String PLAIN = PlainJnaProgram.class.getName();
    private static final String REFUSED = "takes JNA's route, not the FFM upcall route";

    /** The agent with native access and its debug lines, on the route this JVM allows. */
    private static Child routed(String options) {
        return Child.program().jvmOption(NATIVE_ACCESS).jvmOption(DEBUG).withAgent(options);
    }

    private static void assertRoute(ChildJvmResult r, String callback, String expected) {
        List<String> said = r.stderrLinesWith("callgate-agent: callback " + callback + " takes ");
        assertEquals(1, said.size(), r::describe);
        assertTrue(said.get(0).contains(expected), () -> "expected \"" + expected + "\"\n" + r.describe());
    }

    /** What this JVM's route line says: the FFM route on JDK 22+, else why not. */
    private static String expectedRoute() {
        return FFM_JDK ? "takes the FFM route: an FFM upcall stub converts" : "takes JNA's route: JDK "
                + Runtime.version().feature() + "; the FFM route needs JDK 22 or later";
    }

    /** callgate's own lines (not the agent's debug lines), native thread ids left out. */
    private static List<String> gateLines(ChildJvmResult r) {
        return r.stderr().lines().filter(l -> l.startsWith("callgate:"))
                .map(l -> l.replaceAll("native thread \\d+", "native thread N")).toList();
    }

    @Test
    void theAgentJarHoldsCallgateFfmExactlyWhenBuiltOnJdk22OrLater() throws IOException {
        try (JarFile jar = new JarFile(Child.agentJar().toFile())) {
            assertEquals(FFM_JDK, jar.getEntry("dev/callgate/ffm/internal/JnaUpcallStubs.class") != null);
            assertEquals(FFM_JDK, jar.getEntry("META-INF/services/dev.callgate.internal.JnaUpcalls") != null);
        }
    }

    /** The jar built on JDK 22+ run on JDK 17: JNA's route, and not one class of callgate-ffm loaded. */
    @Test
    void ffmAgentJarOnJdk17LoadsNoFfmClass() {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        assumeTrue(FFM_JDK && Files.isExecutable(java17), "needs an agent jar built on JDK 22+ and JDK 17 at " + java17);
        ChildJvmResult r = Child.program().java(java17).jvmOption(DEBUG).jvmOption("-Xlog:class+load=info:stdout")
                .withAgent(null).run(PLAIN, "pool", "calls=200", "exit=3");
        assertRoute(r, "Worker", "takes JNA's route: JDK 17; the FFM route needs JDK 22 or later");
        assertEquals(200, r.number("gatedCalls"), r::describe);
        assertTrue(r.stdout().contains("dev.callgate.agent.AgentRoute"), r::describe);
        assertFalse(r.stdout().contains("dev.callgate.ffm"), r::describe);
    }

    @Test
    void poolWorkerSameResultsAndLinesOnBothRoutes() {
        for (String mode : List.of("pool", "direct")) {
            ChildJvmResult ffm = routed(null).run(PLAIN, mode, "calls=2000", "exit=3");
            ChildJvmResult jna = routed("route=jna").run(PLAIN, mode, "calls=2000", "exit=3");
            assertRoute(ffm, "Worker", expectedRoute());
            assertRoute(jna, "Worker", "takes JNA's route: the agent option route=jna turns the FFM route off");
            for (ChildJvmResult r : List.of(ffm, jna)) {
                assertEquals(3, r.exitCode(), r::describe);
                assertEquals(2000, r.number("calls"), r::describe);
                assertEquals(2000, r.number("gatedCalls"), r::describe);
                assertEquals(2000, r.number("gatedForeignCalls"), r::describe);
                assertEquals(1, r.number("javaThreads"), r::describe);
                assertTrue(r.value("threadNames").matches("callgate-foreign-\\d+\\(daemon\\);"), r::describe);
                assertEquals(List.of("callgate: callback Worker on thread not created by the JVM (native thread N, os"
                        + " linux); ran it (policy WARN_ONCE: said once per callback)"), gateLines(r), r::describe);
            }
        }
    }

    @Test
    void qsortComparatorOnTheJvmThreadSameResultsOnBothRoutes() {
        ChildJvmResult ffm = routed(null).run(PLAIN, "qsort", "calls=20000");
        ChildJvmResult jna = routed("route=jna").run(PLAIN, "qsort", "calls=20000");
        assertRoute(ffm, "Compare", expectedRoute());
        for (ChildJvmResult r : List.of(ffm, jna)) {
            assertEquals(0, r.exitCode(), r::describe);
            assertEquals(r.number("calls"), r.number("gatedCalls"), r::describe);
            assertEquals(0, r.number("gatedForeignCalls"), r::describe);
            assertEquals(List.of(), gateLines(r), r::describe);
        }
        assertEquals(jna.number("calls"), ffm.number("calls"), "the same data, the same comparisons");
    }

    @Test
    void throwingBodyContainedWithTheSameLineOnBothRoutes() {
        ChildJvmResult ffm = routed(null).run(PLAIN, "pool", "calls=500", "throw", "exit=3");
        ChildJvmResult jna = routed("route=jna").run(PLAIN, "pool", "calls=500", "throw", "exit=3");
        assertRoute(ffm, "Worker", expectedRoute());
        assertEquals(gateLines(jna), gateLines(ffm), ffm::describe);
        for (ChildJvmResult r : List.of(ffm, jna)) {
            assertEquals(3, r.exitCode(), r::describe);
            assertEquals(500, r.number("calls"), r::describe);
            assertEquals(1, r.stderrLinesWith("callgate: callback Worker threw java.lang.IllegalStateException: worker"
                    + " failed").size(), r::describe);
        }
    }

    @Test
    void rejectPolicySameLinesOnBothRoutes() {
        ChildJvmResult ffm = routed("policy=reject").run(PLAIN, "pool", "calls=300", "exit=3");
        ChildJvmResult jna = routed("policy=reject,route=jna").run(PLAIN, "pool", "calls=300", "exit=3");
        assertRoute(ffm, "Worker", expectedRoute());
        assertEquals(gateLines(jna), gateLines(ffm), ffm::describe);
        assertEquals(0, ffm.number("calls"), ffm::describe);
        assertEquals(0, jna.number("calls"), jna::describe);
    }

    /** The application's own initializer (daemon, kept attached, no group) names the thread on both routes. */
    @Test
    void applicationThreadInitializerNamesTheThreadOnBothRoutes() {
        ChildJvmResult ffm = routed(null).run(PLAIN, "pool", "calls=200", "named", "exit=3");
        ChildJvmResult jna = routed("route=jna").run(PLAIN, "pool", "calls=200", "named", "exit=3");
        assertRoute(ffm, "Worker", expectedRoute());
        for (ChildJvmResult r : List.of(ffm, jna)) {
            assertEquals(200, r.number("calls"), r::describe);
            assertEquals("app-worker(daemon);", r.value("threadNames"), r::describe);
        }
    }

    /** The application's JNA exception handler gets the callback and the exception on the FFM route too. */
    @Test
    void applicationExceptionHandlerCalledAsWithoutTheAgent() {
        ChildJvmResult r = routed(null).run(HandlerProgram.class.getName(), "exit=3");
        assertRoute(r, "Failing", expectedRoute());
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        assertEquals(2, r.number("handlerCalls"), r::describe);
        assertEquals("true", r.value("sameArguments"), r::describe);
        assertEquals("1,2", r.value("exceptionsSeenByHandler"), r::describe);
    }

    /**
     * Many callbacks converted and dropped: their entries (and FFM stubs) go with them; a stub's
     * address maps back to the very callback, as JNA's trampolines do.
     */
    @Test
    void droppedCallbacksLeaveNothingAndPointersMapBackToTheCallback() {
        ChildJvmResult without = Child.program().jvmOption(NATIVE_ACCESS).run(StubLifeProgram.class.getName(), "churn=0");
        ChildJvmResult r = routed(null).run(StubLifeProgram.class.getName(), "churn=20000");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(FFM_JDK ? 20_002 : 0, r.stderrLinesWith("callgate-agent: callback Ascending takes the FFM route").size(),
                r::describe); // one line per callback: the kept one, the 20000 dropped, the last
        for (String key : List.of("samePointer", "sameCallback", "mappedBackSorts")) {
            assertEquals("true", without.value(key), without::describe);
            assertEquals("true", r.value(key), r::describe);
        }
        assertEquals("true", r.value("sorted"), r::describe);
        assertEquals("true", r.value("keptCalls"), r::describe);
        assertTrue(r.number("registered") < 2_000, () -> "20000 dropped callbacks are not all still held\n"
                + r.describe());
    }

    /** Native access off: JNA's route, with not one line more than before. */
    @Test
    void withoutNativeAccessJnaRouteAndNoNewLine() {
        ChildJvmResult r = Child.program().jvmOption(DEBUG).withAgent(null).run(PLAIN, "pool", "calls=300", "exit=3");
        assertRoute(r, "Worker", FFM_JDK
                ? "takes JNA's route: native access is not enabled for callgate-ffm; add --enable-native-access=ALL-UNNAMED"
                : expectedRoute());
        assertEquals(0, r.stderrLinesWith(REFUSED).size(), r::describe);
        assertEquals(1, gateLines(r).size(), r::describe);
        assertEquals(300, r.number("gatedCalls"), r::describe);
    }

    @Test
    void routePropertyJnaTurnsTheRouteOff() {
        ChildJvmResult r = routed(null).jvmOption("-Dcallgate.route=jna").run(PLAIN, "pool", "calls=100", "exit=3");
        assertRoute(r, "Worker", "takes JNA's route: -Dcallgate.route=jna turns the FFM route off");
        assertEquals(100, r.number("gatedCalls"), r::describe);
    }

    /** A reason the user can fix (here attachment=detach) is said once per callback class, however many convert. */
    @Test
    void refusalTheUserCanFixIsOneLinePerCallbackClass() {
        ChildJvmResult r = Child.program().jvmOption(NATIVE_ACCESS).withAgent("attachment=detach")
                .run(StubLifeProgram.class.getName(), "churn=50");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("true", r.value("sorted"), r::describe);
        List<String> refused = r.stderrLinesWith(REFUSED);
        if (!FFM_JDK) {
            assertEquals(List.of(), refused, r::describe);
            return;
        }
        assertEquals(List.of("callgate: callback Ascending takes JNA's route, not the FFM upcall route:"
                + " Attachment.DETACH_AFTER_EACH_CALL, and an FFM upcall keeps its thread attached until it exits;"
                + " use KEEP_ATTACHED for the FFM route. It works there, only slower; -Dcallgate.route=jna (or"
                + " route(CallbackRoute.JNA), or the agent's option route=jna) chooses JNA's route without this line"),
                refused, r::describe);
    }
}
