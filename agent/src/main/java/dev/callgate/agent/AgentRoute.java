package dev.callgate.agent;

import com.sun.jna.AltCallingConvention;
import com.sun.jna.CallbackProxy;
import com.sun.jna.CallbackThreadInitializer;
import dev.callgate.CallbackRoute;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.Lines;
import dev.callgate.internal.Settings;
import dev.callgate.internal.UpcallRoute;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which route a callback the agent converts takes: the FFM upcall stub where {@link UpcallRoute}
 * allows it, else JNA's trampoline; and what is said about it. The agent's own reasons come first
 * (its {@code route=jna} option, a callback JNA already made a trampoline for, one whose dispatch
 * only JNA does); none of them is worth a line. {@code -Dcallgate.agent.debug=true} prints every
 * callback's route and reason.
 */
final class AgentRoute {

    /** One line per callback class at most when the route is refused for a reason the user can fix. */
    private static final ClassValue<AtomicBoolean> REFUSAL_SAID = new ClassValue<>() {
        @Override
        protected AtomicBoolean computeValue(Class<?> type) {
            return new AtomicBoolean();
        }
    };

    private AgentRoute() {}

    /**
     * @param method the interface method JNA would call, or null when JNA's rule finds none
     * @param application the thread initializer the application registered for {@code callback}, or null
     */
    static UpcallRoute.Choice choose(AgentOptions options, Object callback, Method method,
            CallbackThreadInitializer application) {
        if (!options.ffmRoute()) {
            return jna("the agent option route=jna turns the FFM route off");
        }
        // JDK 17-21 stop here (no FFM class is loaded), and so does a JVM whose command line did not
        // enable native access (callgate-ffm's rule: the JDK's grant after warning about JNA is no consent)
        String off = UpcallRoute.unavailable();
        if (off != null) {
            return jna(off);
        }
        if (method == null) {
            return jna(callback.getClass().getName() + " has no callback interface method JNA's rule picks");
        }
        if (callback instanceof CallbackProxy) {
            return jna("a CallbackProxy is dispatched by JNA");
        }
        if (callback instanceof AltCallingConvention) {
            return jna("an alternate calling convention is JNA's to apply");
        }
        if (DirectBeforeAttach.hasTrampoline(callback)) {
            return jna("JNA made its trampoline before the agent attached, and native code may hold that pointer");
        }
        return UpcallRoute.choose(method, callback.getClass(), options.attachment(), application, callback,
                CallbackRoute.FFM);
    }

    /** The debug line, and the one line per class for a refusal the user can act on. */
    static void tell(UpcallRoute.Choice choice, CallbackGate gate, Class<?> callbackClass) {
        if (Settings.current().agentDebug()) {
            System.err.println(Lines.agentRoute(gate.name(), choice.route() == CallbackRoute.FFM, choice.reason()));
        }
        if (choice.worthALine() && REFUSAL_SAID.get(callbackClass).compareAndSet(false, true)) {
            gate.routeRefused(choice.reason());
        }
    }

    /** JNA's route for a callback whose stub could not be made: worth its one line, the route was expected. */
    static UpcallRoute.Choice stubFailed(Throwable why) {
        return UpcallRoute.Choice.jna("its FFM upcall stub could not be made (" + why + "); please report it", true);
    }

    private static UpcallRoute.Choice jna(String reason) {
        return UpcallRoute.Choice.jna(reason, false);
    }
}
