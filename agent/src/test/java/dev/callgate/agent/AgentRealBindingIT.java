package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.agent.programs.GStreamerProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.testsupport.ChildJvmResult;
import org.freedesktop.gstreamer.Gst;
import org.junit.jupiter.api.Test;

/**
 * gst1-java-core 1.4.0 from Maven Central, unmodified, on this host's GStreamer 1.x: its callbacks
 * (a pad probe, the bus sync handler, GObject toggle notifications) arrive on GStreamer's streaming
 * threads. gst1-java-core registers its own thread initializer (threads named {@code GstBus}, kept
 * attached): the agent leaves it in place and gates the calls.
 */
class AgentRealBindingIT {

    @Test
    void withoutTheAgentNothingIsSaid() {
        ChildJvmResult r = Child.program().alsoOnClassPath(Gst.class).run(GStreamerProgram.class.getName(), "300");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(300, r.number("calls"), r::describe);
        assertTrue(r.stderrLinesWith("callgate").isEmpty(), r::describe);
    }

    @Test
    void gst1JavaCoreCallbacksOnStreamingThreadsAreGatedAndTheBindingsInitializerKept() {
        ChildJvmResult r = Child.program().alsoOnClassPath(Gst.class).withAgent(null)
                .run(GStreamerProgram.class.getName(), "300");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(300, r.number("calls"), r::describe);
        assertEquals(1, r.stderrLinesWith("callgate: callback PadProbeCallback on thread not created by the JVM").size(),
                r::describe);
        assertEquals(1, r.number("javaThreads"), r::describe);
        assertEquals("GstBus;", r.value("threadNames"), "gst1-java-core's own thread initializer stays\n" + r.describe());
    }
}
