package dev.callgate.internal;

import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Picks exactly one {@link OsBackendProvider} (callgate's own modules and tests use it; applications
 * see {@link dev.callgate.CallGate#selection()}): by the override ({@value #OVERRIDE_PROPERTY} or
 * {@value #OVERRIDE_ENV}) when set, else by {@code os.name}/{@code os.arch}. Every failure of
 * {@link #select} is an {@link IllegalStateException} whose message lists what was found and what
 * to do. {@link #selectForThisJvm(Settings)} falls back to the {@link JavaFallbackBackend} when no
 * OS module serves the platform without an override (none fits, or the one that fits cannot start),
 * unless {@value Settings#REQUIRE_OS_MODULE} is {@code true}; an unknown override id, two fitting
 * modules and a module that fails to load stay errors: they are mistakes to fix, not a missing module.
 */
public final class BackendSelector {

    /** System property that picks a provider by id. */
    public static final String OVERRIDE_PROPERTY = Settings.OS;

    /** Environment variable that picks a provider by id when the property is not set. */
    public static final String OVERRIDE_ENV = Settings.OS_ENV;

    /** The OS modules callgate ships, for "which artifact to add". */
    static final String KNOWN_MODULES = "dev.callgate:callgate-all (every OS below; the one that fits is picked),"
            + " or one of dev.callgate:callgate-os-linux (Linux), dev.callgate:callgate-os-darwin (macOS),"
            + " dev.callgate:callgate-os-freebsd (FreeBSD), dev.callgate:callgate-os-windows (Windows)";

    /** Provider load failures listed before the selector stops reading the services files. */
    static final int MAX_LISTED_LOAD_ERRORS = 16;

    private final List<Supplier<OsBackendProvider>> candidates;

    /** A selector over the given provider suppliers; a supplier may throw, as a broken provider does. */
    public BackendSelector(List<Supplier<OsBackendProvider>> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    /** A selector over the providers {@link ServiceLoader} finds through {@code loader}. */
    public static BackendSelector fromServiceLoader(ClassLoader loader) {
        List<Supplier<OsBackendProvider>> found = new ArrayList<>();
        Iterator<OsBackendProvider> it = ServiceLoader.load(OsBackendProvider.class, loader).iterator();
        int errors = 0;
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                OsBackendProvider provider = it.next();
                found.add(() -> provider);
            } catch (ServiceConfigurationError e) {
                found.add(() -> {
                    throw e;
                });
                // hasNext() can fail the same way forever (an unreadable services file): stop listing.
                if (++errors == MAX_LISTED_LOAD_ERRORS) {
                    break;
                }
            }
        }
        return new BackendSelector(found);
    }

    /**
     * The override in effect now: the system property, else the environment variable, else null.
     *
     * @throws IllegalArgumentException if a {@code callgate.*} property is bad (see {@link Settings})
     */
    public static String overrideFromEnvironment() {
        return Settings.fromSystem().osOverride();
    }

    /**
     * {@link #selectForThisJvm(Settings)} with the settings as the system properties say now.
     *
     * @throws IllegalArgumentException if a {@code callgate.*} property is bad (see {@link Settings})
     */
    public Backends.Selected selectForThisJvm() {
        return selectForThisJvm(Settings.fromSystem());
    }

    /**
     * Selects for this JVM: its {@code os.name}, {@code os.arch} and the settings' override; the
     * Java fallback when no OS module serves it, unless the settings require one.
     *
     * @throws IllegalStateException as {@link #select} does, except that no serving module without
     *     an override is the fallback unless {@link Settings#requireOsModule()}
     */
    public Backends.Selected selectForThisJvm(Settings settings) {
        String osName = System.getProperty("os.name", "");
        String osArch = System.getProperty("os.arch", "");
        try {
            return select(osName, osArch, settings.osOverride());
        } catch (NoServingModule e) {
            if (settings.requireOsModule()) { // a plain IllegalStateException, as before the fallback existed
                throw new IllegalStateException(e.getMessage() + " (-D" + Settings.REQUIRE_OS_MODULE
                        + "=true: no Java fallback)", e.getCause());
            }
            return new Backends.Selected(JavaFallbackBackend.PROVIDER, new JavaFallbackBackend(), e.how, e.notice);
        }
    }

    /**
     * Selects a provider and creates its backend.
     *
     * @param override a provider id, or null to select by {@code osName}/{@code osArch}
     * @throws IllegalStateException if no provider or more than one fits, the override names no
     *     provider, a provider failed to load, or the chosen backend cannot load its native layer
     */
    public Backends.Selected select(String osName, String osArch, String override) {
        OsBackendProvider chosen = choose(osName, osArch, override);
        String how = override != null ? "override \"" + override + "\" (" + OVERRIDE_PROPERTY + " or " + OVERRIDE_ENV + ")"
                : "matched " + chosen.match(osName, osArch).reason(); // providers name the os.name they saw
        try {
            OsBackend backend = chosen.create();
            if (backend == null) {
                throw new IllegalStateException(chosen.getClass().getName() + ".create() returned null; a provider"
                        + " must return a backend or throw BackendUnavailableException");
            }
            return new Backends.Selected(chosen, backend, how);
        } catch (BackendUnavailableException e) {
            // Its message is the whole explanation; chain what it wraps, so nothing is said twice.
            throw cannotStart(chosen, how, override, e, e.getCause());
        } catch (RuntimeException | LinkageError e) {
            throw cannotStart(chosen, how, override, e, e);
        }
    }

    /**
     * No OS module serves this JVM and none was asked for by id: none fits the platform, or the
     * one that fits cannot start. {@link #selectForThisJvm(Settings)} then falls back to Java.
     */
    static final class NoServingModule extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        /** What {@code CallGate.selection().how()} says for the fallback. */
        final String how;
        /** The one line written when the fallback is selected: what happened, what to add, what changes. */
        final String notice;

        NoServingModule(String message, Throwable cause, String how, String notice) {
            super(message, cause);
            this.how = how;
            this.notice = notice;
        }
    }

    /** The module that serves {@code osName}, for "add this". */
    static String moduleFor(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        String module = os.startsWith("linux") ? "callgate-os-linux"
                : os.startsWith("mac") || os.startsWith("darwin") ? "callgate-os-darwin"
                : os.startsWith("freebsd") ? "callgate-os-freebsd"
                : os.startsWith("windows") ? "callgate-os-windows" : null;
        return module == null ? "an OS module for it: callgate ships none yet for this OS (dev.callgate:callgate-all"
                + " covers Linux, macOS, FreeBSD and Windows)"
                : "dev.callgate:" + module + " (or dev.callgate:callgate-all, every OS)";
    }

    /**
     * The provider {@link #select} would use, without creating its backend (so without loading any
     * native code): for asking which module serves another platform.
     *
     * @throws IllegalStateException as {@link #select} does, except for a backend that cannot start
     */
    public OsBackendProvider choose(String osName, String osArch, String override) {
        List<OsBackendProvider> providers = loadAll();
        return override != null ? byId(providers, override) : byPlatform(providers, osName, osArch);
    }

    private List<OsBackendProvider> loadAll() {
        List<OsBackendProvider> providers = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Throwable firstCause = null;
        for (Supplier<OsBackendProvider> candidate : candidates) {
            try {
                providers.add(candidate.get());
            } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
                broken.add(describe(e));
                firstCause = firstCause == null ? e : firstCause;
            }
        }
        if (!broken.isEmpty()) {
            throw new IllegalStateException("callgate: " + broken.size() + " OS backend provider(s) failed to load: "
                    + String.join("; ", broken) + ". Fix or remove the broken module from the class path.", firstCause);
        }
        return providers;
    }

    private static OsBackendProvider byId(List<OsBackendProvider> providers, String id) {
        for (OsBackendProvider p : providers) {
            if (p.id().equalsIgnoreCase(id)) {
                return p;
            }
        }
        String valid = providers.isEmpty() ? "none (no OS module is on the class path)"
                : providers.stream().map(OsBackendProvider::id).sorted().collect(Collectors.joining(", "));
        throw new IllegalStateException("callgate: unknown OS backend id \"" + id + "\" in " + OVERRIDE_PROPERTY + "/"
                + OVERRIDE_ENV + ". Valid ids here: " + valid + ". Use one of them, or add the module that provides \""
                + id.toLowerCase(Locale.ROOT) + "\"; callgate ships " + KNOWN_MODULES + ".");
    }

    private static OsBackendProvider byPlatform(List<OsBackendProvider> providers, String osName, String osArch) {
        List<OsBackendProvider> fitting = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (OsBackendProvider p : providers) {
            PlatformMatch match = p.match(osName, osArch);
            if (match.serves()) {
                fitting.add(p);
            } else {
                rejected.add(p.id() + " (" + p.artifact() + "): " + match.reason());
            }
        }
        String platform = "os.name \"" + osName + "\", os.arch \"" + osArch + "\"";
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        if (fitting.isEmpty()) {
            String found = providers.isEmpty() ? "no OS backend provider was found on the class path or module path"
                    : "providers found and why each was rejected: " + String.join("; ", rejected);
            String shortFound = providers.isEmpty() ? "no OS module on the class path or module path"
                    : String.join("; ", rejected);
            throw new NoServingModule("callgate: no OS backend for " + platform + "; " + found
                    + ". Add the module for this OS (callgate ships " + KNOWN_MODULES + "), or pick one by id with -D"
                    + OVERRIDE_PROPERTY + "=<id>.", null, "no OS module serves " + platform + ": the Java fallback",
                    Lines.fallbackNoModule(platform, moduleFor(osName), shortFound));
        }
        throw new IllegalStateException("callgate: more than one OS backend serves " + platform + ": "
                + fitting.stream().map(p -> p.id() + " (" + p.artifact() + ")").collect(Collectors.joining(", "))
                + ". Keep one of these modules, or pick one with -D" + OVERRIDE_PROPERTY + "=<id>.");
    }

    /** The error for a chosen backend that cannot start; without an override, the fallback's cue. */
    private static IllegalStateException cannotStart(OsBackendProvider chosen, String how, String override,
            Throwable e, Throwable cause) {
        String message = "callgate: the OS backend \"" + chosen.id() + "\" (" + chosen.artifact() + ") was selected by "
                + how + " but cannot start: " + e.getMessage();
        if (override != null) { // asked for by id: a mistake to fix, never hidden behind the fallback
            return new IllegalStateException(message, cause);
        }
        return new NoServingModule(message, cause, "the OS backend \"" + chosen.id() + "\" cannot start here: the"
                + " Java fallback", Lines.fallbackCannotStart(chosen.artifact(), e.getMessage()));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getName() + ": " + e.getMessage();
        return root == e ? text : text + " (caused by " + root.getClass().getName() + ": " + root.getMessage() + ")";
    }
}
