package dev.callgate.agent;

import dev.callgate.CallGate;
import dev.callgate.internal.Backends;
import dev.callgate.internal.Lines;
import dev.callgate.internal.Settings;
import dev.callgate.spi.NativeMessage;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The java agent: {@code java -javaagent:callgate-agent.jar[=options] ...}, or loaded into a running
 * JVM ({@code agentmain}). It puts callgate's gate in front of every JNA callback the application
 * converts to a native pointer from then on; see {@link AgentOptions} for the options and
 * {@link AgentHooks} for what is hooked. Its gates arm callgate's exit guard exactly as the
 * library's do (docs/lifecycle.md, "Attachment and exit").
 */
public final class CallgateAgent {

    private static boolean installed;

    private CallgateAgent() {}

    /**
     * Never throws: a JVM the agent cannot serve (no JNA it can see, a bad option, anything else that
     * goes wrong here) gets one line on stderr and runs as if the agent were absent. An exception out
     * of premain would make the JVM abort with "processing of -javaagent failed".
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        try {
            install(arguments, instrumentation, false);
        } catch (Throwable t) {
            System.err.println(Lines.agentCannotInstall(t, false));
        }
    }

    /**
     * Like {@link #premain}, except that a bad option throws {@link IllegalArgumentException}, so that
     * {@code VirtualMachine.loadAgent} fails and the attaching tool learns it.
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        try {
            install(arguments, instrumentation, true);
        } catch (BadOption e) {
            throw new IllegalArgumentException(e.getMessage()); // the JDK prints it in the target; the line says it all
        } catch (Throwable t) {
            System.err.println(Lines.agentCannotInstall(t, true));
        }
    }

    /** The one line for a bad option, thrown only under attach. */
    private static final class BadOption extends RuntimeException {
        BadOption(String line, Throwable cause) {
            super(line, cause);
        }
    }

    private static synchronized void install(String arguments, Instrumentation instrumentation, boolean attached) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(arguments); // the one check of every option, before anything else
            Settings.current(); // and of every callgate.* property (pure Java: no JNA is linked yet)
        } catch (IllegalArgumentException e) {
            String line = Lines.agentRefused(e.getMessage());
            if (attached) {
                throw new BadOption(line, e);
            }
            System.err.println(line);
            return;
        }
        if (installed) {
            System.err.println(Lines.agentAlreadyInstalled());
            return;
        }
        // Everything below AgentHooks (and the OS backends) is linked against JNA, resolved by the
        // agent's own loader (the system class loader): check, without loading anything, that JNA is
        // there before a class that needs it is touched.
        if (!jnaVisible()) {
            System.err.println(Lines.agentNoJna());
            return;
        }
        // The same, for a JNA that is there but lacks what the hooks link against or rewrite: checked
        // from its class files, so that no agent class fails to link against it later.
        List<String> missing = JnaShape.missing(CallgateAgent.class.getClassLoader());
        if (!missing.isEmpty()) {
            System.err.println(JnaShape.unsupportedLine(CallgateAgent.class.getClassLoader(), missing));
            return;
        }
        installed = true;
        AgentHooks.configure(options);
        JnaTransformer transformer = new JnaTransformer(instrumentation);
        instrumentation.addTransformer(transformer, true);
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
        if (options.verbose()) {
            say("callgate-agent " + CallGate.version() + ": " + (attached ? "attached" : "started") + " ("
                    + options.describe() + ")");
        }
        if (attached && AgentHooks.active() && !transformer.leftJnaAlone()) {
            say(Lines.agentAttached(options.describe()));
        }
    }

    /** Whether the agent's own loader finds JNA's class files (a resource look-up: no class is loaded). */
    static boolean jnaVisible() {
        ClassLoader own = CallgateAgent.class.getClassLoader();
        String file = JnaShape.REFERENCE + ".class";
        return (own == null ? ClassLoader.getSystemResource(file) : own.getResource(file)) != null;
    }

    /** One line through the OS backend's own write, like every callgate diagnostic; System.err if none fits. */
    static void say(String line) {
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
