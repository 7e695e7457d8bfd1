package dev.callgate.agent;

import dev.callgate.internal.Backends;
import dev.callgate.spi.NativeMessage;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The java agent: {@code java -javaagent:callgate-agent.jar[=options] ...}, or loaded into a running
 * JVM ({@code agentmain}). It puts callgate's gate in front of every JNA callback the application
 * converts to a native pointer from then on; see {@link AgentOptions} for the options and
 * {@link AgentHooks} for what is hooked.
 */
public final class CallgateAgent {

    private static boolean installed;

    private CallgateAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        install(arguments, instrumentation, false);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        install(arguments, instrumentation, true);
    }

    private static synchronized void install(String arguments, Instrumentation instrumentation, boolean attached) {
        if (installed) {
            System.err.println("callgate-agent: already installed in this JVM; the second load is ignored");
            return;
        }
        AgentOptions options;
        try {
            options = AgentOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println("callgate-agent: " + e.getMessage() + "; callbacks are not gated");
            return;
        }
        installed = true;
        AgentHooks.configure(options);
        instrumentation.addTransformer(new JnaTransformer(instrumentation), true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (JnaTransformer.isTarget(c.getName().replace('.', '/'))) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                AgentHooks.fail("cannot retransform JNA's loaded classes (" + t + ")");
            }
        }
        if (attached && AgentHooks.active()) {
            say("callgate-agent: attached; JNA callbacks converted from now on are gated (" + options.describe()
                    + "); callbacks converted before stay ungated");
        }
    }

    /** One line through the OS backend's own write, like every callgate diagnostic; System.err if none fits. */
    private static void say(String line) {
        try {
            if (Backends.backend().stderr().write(NativeMessage.encode(line))) {
                return;
            }
        } catch (Throwable t) {
            // no backend: fall back
        }
        System.err.println(line);
    }
}
