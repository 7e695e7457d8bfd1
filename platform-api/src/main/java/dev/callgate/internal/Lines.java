package dev.callgate.internal;

import dev.callgate.Policy;
import dev.callgate.spi.NativeMessage;
import java.util.List;

/**
 * The wording of every line callgate writes to standard error: the gate's diagnostic lines, the
 * FFM module's and the java agent's. The classes that write a line ask here for its text and only
 * do the writing, so that the lines read alike and a change of wording is made once. Lines the
 * gate writes go through {@link LineText}, which escapes and shortens what comes from outside;
 * the agent's lines escape what comes from outside with {@link LineText#escape}.
 */
public final class Lines {

    private static final String AGENT = "callgate-agent: ";

    private Lines() {}

    private static LineText callback(String name) {
        return new LineText().text("callgate: callback ").part(name);
    }

    // The gate's lines: "callgate: callback <name> ...".

    /** A call that arrived after the gate closed. */
    public static NativeMessage calledAfterClose(String name, String fallbackText) {
        return callback(name).text(" called after close; not run, returned ").part(fallbackText).text(" to native code")
                .encode();
    }

    /** A call that arrived while the JVM shuts down. */
    public static NativeMessage calledDuringShutdown(String name, String fallbackText) {
        return callback(name).text(" called during JVM shutdown; not run, returned ").part(fallbackText)
                .text(" to native code").encode();
    }

    /**
     * The body threw; {@code message} is null when the exception has none, and {@code oncePerClass}
     * says so at the end of the line.
     */
    public static NativeMessage threw(String name, Class<?> type, String message, String fallbackText,
            boolean oncePerClass) {
        LineText line = callback(name).text(" threw ").text(LineText.escape(type.getName()));
        if (message != null) {
            line.text(": ").part(message);
        }
        line.text("; returned ").part(fallbackText).text(" to native code");
        if (oncePerClass) {
            line.text(" (said once per exception class)");
        }
        return line.encode();
    }

    /** close() waited its bound and calls still run. */
    public static NativeMessage closeGaveUp(String name, long waitedMillis, long running) {
        return callback(name).text(": close() gave up after " + waitedMillis + " ms with " + running
                + " call(s) still running (a body blocked, or stuck in native code); later calls are not run").encode();
    }

    /** A call on a thread the JVM did not create, and what the policy did with it. */
    public static NativeMessage foreignThread(String name, long nativeThreadId, String osId, Policy policy,
            String fallbackText) {
        LineText line = callback(name)
                .text(" on thread not created by the JVM (native thread " + nativeThreadId + ", os " + osId + ")");
        switch (policy) {
            case REJECT:
                line.text("; not run, returned ").part(fallbackText)
                        .text(" to native code (policy REJECT: said once, every rejection counted)");
                break;
            case ABORT:
                line.text("; aborting the process (policy ABORT)");
                break;
            case WARN:
                line.text("; ran it (policy WARN)");
                break;
            default:
                line.text("; ran it (policy WARN_ONCE: said once per callback)");
        }
        return line.encode();
    }

    /** Why a callback takes JNA's route though the FFM route could be taken in this JVM. */
    public static NativeMessage routeRefused(String name, String reason) {
        return callback(name).text(" takes JNA's route, not the FFM upcall route: ").part(reason)
                .text(". It works there, only slower; -Dcallgate.route=jna (or route(CallbackRoute.JNA), or the"
                        + " agent's option route=jna) chooses JNA's route without this line").encode();
    }

    // The Java fallback's notice, once, at the first build.

    /** Says what the Java fallback does differently and how to refuse it. */
    private static final String FALLBACK_TERMS = " callgate gates on through Java: lines go to System.err, thread"
            + " ids are best effort, ABORT halts with status 134 (no core dump), no exit guard; -D"
            + Settings.REQUIRE_OS_MODULE + "=true makes this an error.";

    /** No OS module serves this platform: the Java fallback, the module to add, and what was found. */
    public static String fallbackNoModule(String platform, String module, String found) {
        return "callgate: no OS module serves " + platform + "; add " + module + "." + FALLBACK_TERMS + " Found: "
                + found;
    }

    /** The OS module chosen cannot start: the Java fallback, and why. */
    public static String fallbackCannotStart(String artifact, String why) {
        return "callgate: the OS module " + artifact + " cannot start here." + FALLBACK_TERMS + " Why: " + why;
    }

    // callgate-ffm's line.

    /** callgate-ffm's check of how FFM attaches foreign threads failed. */
    public static NativeMessage ffmCannotTellForeignThreads(String failure) {
        return NativeMessage.encode("callgate: callgate-ffm cannot tell foreign threads on this JVM (" + failure
                + "); every upcall thread is treated as created by the JVM, foreign-thread policies do not apply");
    }

    // The java agent's lines: "callgate-agent: ...".

    /** premain or agentmain failed unexpectedly; {@code attached}: loaded into a running JVM. */
    public static String agentCannotInstall(Throwable t, boolean attached) {
        return AGENT + "cannot install (" + LineText.escape(String.valueOf(t)) + "); callbacks are not gated;"
                + (attached ? " please report it" : " please report it, and leave -javaagent out meanwhile");
    }

    /** A bad agent option or {@code callgate.*} property, whose message is the exception's. */
    public static String agentRefused(String message) {
        return AGENT + message.replaceFirst("^callgate: ", "") + "; callbacks are not gated";
    }

    /** The agent was loaded a second time. */
    public static String agentAlreadyInstalled() {
        return AGENT + "already installed in this JVM; the second load is ignored";
    }

    /** The agent's loader sees no JNA. */
    public static String agentNoJna() {
        return AGENT + "no JNA on the system class path; the agent uses the application's"
                + " JNA and brings none, so callbacks are not gated in this JVM; put JNA's jar on the class path"
                + " (-cp), or leave -javaagent out of JVMs that do not load JNA from it";
    }

    /** The JNA found lacks what the agent hooks. */
    public static String agentJnaUnsupported(String jnaVersion, List<String> missing) {
        return AGENT + "JNA " + LineText.escape(jnaVersion) + " is not supported; it lacks what the agent"
                + " hooks (missing: " + String.join(", ", missing) + "), so JNA is left alone and callbacks are not"
                + " gated; use a JNA release that has them (every one from 3.5.0 to 5.19.1 does), or leave -javaagent"
                + " out";
    }

    /** Loaded into a running JVM; {@code options} as {@code AgentOptions.describe()} gives them. */
    public static String agentAttached(String options) {
        return AGENT + "attached; JNA callbacks converted from now on are gated (" + options
                + "); a callback converted before is gated once the application passes it to native code again";
    }

    /** The agent stops gating new callbacks. */
    public static String agentFailed(String why) {
        return AGENT + why + "; callbacks are not gated from now on";
    }

    /** The debug line for a class the agent rewrites. */
    public static String agentInstrumenting(String className) {
        return AGENT + "instrumenting " + className;
    }

    /** A JNA the agent's hooks cannot reach, in a loader that does not delegate to the system class path. */
    public static String agentJnaLeftAlone(ClassLoader loader) {
        return AGENT + "JNA loaded by " + LineText.escape(String.valueOf(loader))
                + " is left alone; the agent's hooks resolve JNA through the system class path, which"
                + " that loader's JNA is not, so its callbacks are not gated; let that loader delegate"
                + " JNA to the system class path (put JNA's jar on -cp, not only in the loader)";
    }

    /** The debug line for the route a callback takes. */
    public static String agentRoute(String name, boolean ffm, String reason) {
        return AGENT + "callback " + LineText.escape(name) + " takes " + (ffm ? "the FFM route: " : "JNA's route: ")
                + LineText.escape(reason);
    }

    /** The application's callback exception handler threw. */
    public static String agentHandlerThrew(Object handler, Throwable failed, String callbackName) {
        return AGENT + "the callback exception handler "
                + LineText.escape(handler == null ? "(none)" : handler.getClass().getName()) + " threw "
                + LineText.escape(String.valueOf(failed)) + " for callback " + LineText.escape(callbackName)
                + "; contained, so that it does not reach native code (said once)";
    }
}
