package dev.callgate.internal;

import com.sun.jna.CallbackThreadInitializer;
import dev.callgate.Attachment;
import dev.callgate.CallbackRoute;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The one place that decides which route a JNA callback takes, and says why. The FFM route is
 * taken when nothing below refuses it, in this order: the application's choice
 * ({@code route(JNA)}, {@code -Dcallgate.route=jna}), the JDK (22 or later), callgate-ffm on the
 * path, native access for it, then the callback itself (attachment, thread initializer, the JNA
 * types of its method). Only the last group is worth a line: the rest is how the application was
 * set up, and changes nothing it had before.
 */
public final class UpcallRoute {

    /** The first JDK whose FFM API is final. */
    static final int FIRST_FFM_FEATURE = 22;

    private static volatile Found found;

    private UpcallRoute() {}

    /**
     * A route and why it was taken.
     *
     * @param route the route
     * @param reason why, in a few words
     * @param worthALine the FFM route was refused for something about this callback that the
     *     application can change
     * @param upcalls the FFM side, for {@link CallbackRoute#FFM}; else null
     */
    public record Choice(CallbackRoute route, String reason, boolean worthALine, JnaUpcalls upcalls) {
        /** JNA's route, for {@code reason}. */
        public static Choice jna(String reason, boolean worthALine) {
            return new Choice(CallbackRoute.JNA, reason, worthALine, null);
        }
    }

    /**
     * The route for a callback whose method native code calls is {@code method}.
     *
     * @param optionsClass the class JNA reads library options from (the interface, or for the
     *     java agent the callback's class)
     * @param application the application's thread initializer for this callback, or null
     * @param callback what {@code application} is asked about
     * @param preferred {@link CallbackRoute#JNA} when the application asked for JNA's route
     */
    public static Choice choose(Method method, Class<?> optionsClass, Attachment attachment,
            CallbackThreadInitializer application, Object callback, CallbackRoute preferred) {
        if (preferred == CallbackRoute.JNA) {
            return Choice.jna("the application asked for it (route(CallbackRoute.JNA))", false);
        }
        String off = unavailable();
        if (off != null) {
            return Choice.jna(off, false);
        }
        String refused = refusedFor(method, optionsClass, attachment, application, callback);
        if (refused != null) {
            return Choice.jna(refused, true);
        }
        return new Choice(CallbackRoute.FFM, "an FFM upcall stub converts " + Signatures.of(method) + " as JNA does",
                false, found.upcalls);
    }

    /**
     * {@link #choose} for a callback that JNA's own proxy for the stub will stand for (the library
     * API's {@code callback()}): that proxy sends every method of the interface to the native
     * function, so an interface with methods besides the callback method (default ones too) keeps
     * JNA's route, where they reach the body.
     */
    public static Choice chooseForProxy(Class<?> type, Method method, Attachment attachment,
            CallbackThreadInitializer application, Object callback, CallbackRoute preferred) {
        Choice choice = choose(method, type, attachment, application, callback, preferred);
        if (choice.route() != CallbackRoute.FFM) {
            return choice;
        }
        List<String> others = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && !m.equals(method)) {
                others.add(m.getName());
            }
        }
        if (others.isEmpty()) {
            return choice;
        }
        Collections.sort(others);
        return Choice.jna(type.getSimpleName() + " has methods besides " + method.getName() + " (" + String.join(", ", others)
                + "), which JNA's proxy for the stub would send to native code; keep the callback interface to its one"
                + " method for the FFM route", true);
    }

    /** Null when callbacks may take the FFM route in this JVM; else why none does. */
    public static String unavailable() {
        if (Settings.current().jnaRouteOnly()) {
            return "-D" + Settings.ROUTE + "=jna turns the FFM route off";
        }
        int feature = Runtime.version().feature();
        if (feature < FIRST_FFM_FEATURE) {
            return "JDK " + feature + "; the FFM route needs JDK " + FIRST_FFM_FEATURE + " or later";
        }
        Found f = found();
        if (f.upcalls == null) {
            return f.why;
        }
        return f.upcalls.unavailable();
    }

    /** For tools ({@code callgate doctor}): the route JNA callbacks take in this JVM, and why. */
    public static String status() {
        String off = unavailable();
        return off == null ? "FFM (upcall stubs for the callback types they convert as JNA does; JNA's route for the rest)"
                : "JNA (" + off + ")";
    }

    private static String refusedFor(Method method, Class<?> optionsClass, Attachment attachment,
            CallbackThreadInitializer application, Object callback) {
        if (attachment == Attachment.DETACH_AFTER_EACH_CALL) {
            return "Attachment.DETACH_AFTER_EACH_CALL, and an FFM upcall keeps its thread attached until it exits;"
                    + " use KEEP_ATTACHED for the FFM route";
        }
        if (application != null) {
            String asked = initializerRefuses(application, (com.sun.jna.Callback) callback);
            if (asked != null) {
                return asked;
            }
        }
        return found.upcalls.refuses(method, optionsClass);
    }

    /** An application's initializer fits the FFM route when it keeps daemon threads attached in the default group. */
    private static String initializerRefuses(CallbackThreadInitializer application, com.sun.jna.Callback callback) {
        String initializer = "its CallbackThreadInitializer " + application.getClass().getName();
        try {
            if (application.detach(callback)) {
                return initializer + " asks to detach after each call, which an FFM upcall cannot: it keeps its thread attached";
            }
            if (!application.isDaemon(callback)) {
                return initializer + " asks for non-daemon threads, which an FFM upcall cannot: FFM attaches foreign threads as daemons";
            }
            ThreadGroup group = application.getThreadGroup(callback);
            if (group != null) {
                return initializer + " puts threads in thread group " + group.getName()
                        + ", which only JNA's attach can do; return null from getThreadGroup for the FFM route";
            }
            return null;
        } catch (RuntimeException e) {
            return initializer + " threw when asked how to attach (" + e + ")";
        }
    }

    private static Found found() {
        Found f = found;
        if (f == null) {
            f = find();
            found = f;
        }
        return f;
    }

    private record Found(JnaUpcalls upcalls, String why) {}

    private static Found find() {
        try {
            Iterator<JnaUpcalls> it = ServiceLoader.load(JnaUpcalls.class, JnaUpcalls.class.getClassLoader()).iterator();
            if (it.hasNext()) {
                return new Found(it.next(), null);
            }
            return new Found(null, "callgate-ffm is not on the class or module path; add it for the FFM route"
                    + " (on the module path, resolve it: requires dev.callgate.ffm, or --add-modules dev.callgate.ffm)");
        } catch (ServiceConfigurationError | LinkageError e) {
            return new Found(null, "callgate-ffm could not be loaded (" + e + ")");
        }
    }

    /** A method's JNA signature, for reasons: {@code (Pointer, Pointer) -> int}. */
    static final class Signatures {
        private Signatures() {}

        static String of(Method method) {
            StringBuilder s = new StringBuilder("(");
            Class<?>[] types = method.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                s.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
            }
            return s.append(") -> ").append(method.getReturnType().getSimpleName()).toString();
        }
    }
}
