package dev.callgate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every {@code callgate.*} system property the published modules read, parsed and checked in this
 * one place, once: by the first {@code build()} of a gate (the JNA API, the FFM module, the java
 * agent's first gate) or the first backend selection, whichever comes first.
 *
 * <table>
 * <caption>The properties</caption>
 * <tr><th>key</th><th>values</th><th>default</th></tr>
 * <tr><td>{@value #EXIT_GUARD}</td><td>{@code auto}, {@code always}, {@code off}; {@code true} = auto,
 *     {@code false} = off</td><td>{@code auto}</td></tr>
 * <tr><td>{@value #DIAGNOSTIC_TIMEOUT_MILLIS}</td><td>1 to {@value #MAX_TIMEOUT_MILLIS}</td>
 *     <td>{@value #DEFAULT_TIMEOUT_MILLIS}</td></tr>
 * <tr><td>{@value #OS}</td><td>a provider id (checked against the providers found, at selection);
 *     empty means not set</td><td>by {@code os.name}</td></tr>
 * <tr><td>{@value #REQUIRE_OS_MODULE}</td><td>{@code true}, {@code false}</td><td>{@code false}</td></tr>
 * <tr><td>{@value #LINUX_DISABLE}</td><td>{@code true}, {@code false}</td><td>{@code false}</td></tr>
 * <tr><td>{@value #AGENT_DEBUG}</td><td>{@code true}, {@code false}</td><td>{@code false}</td></tr>
 * <tr><td>{@value #ROUTE}</td><td>{@code auto} (the FFM route where it can be taken), {@code jna}</td>
 *     <td>{@code auto}</td></tr>
 * </table>
 *
 * <p>Values are trimmed and compared ignoring case; keys are case-sensitive. Any other key that
 * starts with {@code callgate.} (in any case) is refused as a typo, with the closest known key
 * (callgate's own build hands its test JVMs paths under {@code test.callgate.}, outside it). A bad
 * value or an unknown key is an {@link IllegalArgumentException} naming the property, the value,
 * what is accepted and the fix, from every {@link #current()} until it is fixed: never an error in
 * a static initializer, which would poison a class for the life of the JVM. Once read without a
 * problem, the values hold for the life of the JVM; later changes to the properties are not seen.
 */
public final class Settings {

    /** The prefix of every callgate property. */
    public static final String PREFIX = "callgate.";

    /** The exit guard's mode: {@code auto}, {@code always}, {@code off} ({@code true}, {@code false}). */
    public static final String EXIT_GUARD = "callgate.exitGuard";

    /** How long a callback thread waits for its diagnostic line, in milliseconds. */
    public static final String DIAGNOSTIC_TIMEOUT_MILLIS = "callgate.diagnosticTimeoutMillis";

    /** Picks the OS backend by provider id. */
    public static final String OS = "callgate.os";

    /** The environment variable that picks the OS backend when {@value #OS} is not set. */
    public static final String OS_ENV = "CALLGATE_OS";

    /** {@code true}: no OS module that serves this JVM is an error instead of the Java fallback. */
    public static final String REQUIRE_OS_MODULE = "callgate.requireOsModule";

    /** {@code true}: the Linux module refuses to load its native layer (callgate-os-linux reads it). */
    public static final String LINUX_DISABLE = "callgate.linux.disable";

    /** {@code true}: the java agent prints why it could not gate a callback (callgate-agent reads it). */
    public static final String AGENT_DEBUG = "callgate.agent.debug";

    /** {@code jna}: every JNA callback takes JNA's route, never the FFM upcall route. */
    public static final String ROUTE = "callgate.route";

    static final long DEFAULT_TIMEOUT_MILLIS = 10;
    static final long MAX_TIMEOUT_MILLIS = 60_000;

    /** The user settings, in the order messages list them. */
    public static final List<String> KEYS = List.of(EXIT_GUARD, DIAGNOSTIC_TIMEOUT_MILLIS, OS, REQUIRE_OS_MODULE,
            LINUX_DISABLE, AGENT_DEBUG, ROUTE);

    /** The longest value a message repeats; a value pasted by mistake can be long. */
    static final int SHOWN_VALUE_CHARS = 64;

    private static final Object LOCK = new Object();
    private static volatile Settings current;

    private final ExitGuard.Mode exitGuard;
    private final long diagnosticTimeoutMillis;
    private final String osOverride;
    private final boolean requireOsModule;
    private final boolean linuxDisabled;
    private final boolean agentDebug;
    private final boolean jnaRouteOnly;

    private Settings(Map<String, String> properties, String osEnv) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                problems.add(unknownKey(e.getKey(), e.getValue()));
            }
        }
        exitGuard = exitGuard(properties.get(EXIT_GUARD), problems);
        diagnosticTimeoutMillis = timeoutMillis(properties.get(DIAGNOSTIC_TIMEOUT_MILLIS), problems);
        osOverride = osOverride(properties.get(OS), osEnv);
        requireOsModule = flag(REQUIRE_OS_MODULE, properties.get(REQUIRE_OS_MODULE), problems);
        linuxDisabled = flag(LINUX_DISABLE, properties.get(LINUX_DISABLE), problems);
        agentDebug = flag(AGENT_DEBUG, properties.get(AGENT_DEBUG), problems);
        jnaRouteOnly = jnaRouteOnly(properties.get(ROUTE), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("callgate: " + (problems.size() == 1 ? "a bad system property: "
                    : problems.size() + " bad system properties: ") + String.join("; ", problems)
                    + " (callgate checks every callgate.* property at the first build)");
        }
    }

    /**
     * This JVM's settings, read and checked on the first call.
     *
     * @throws IllegalArgumentException on every call while a {@code callgate.*} property has a bad
     *     value or an unknown key; the message names each and the fix
     */
    public static Settings current() {
        Settings s = current;
        if (s == null) {
            synchronized (LOCK) { // one reading wins, so every module sees the same values
                s = current;
                if (s == null) {
                    s = fromSystem();
                    current = s;
                }
            }
        }
        return s;
    }

    /**
     * The settings as the system properties and environment say now, read afresh (for tests and
     * tools that change a property; gates use {@link #current()}).
     *
     * @throws IllegalArgumentException as {@link #current()} does
     */
    public static Settings fromSystem() {
        return of(callgateProperties(System.getProperties()), System.getenv(OS_ENV));
    }

    /**
     * The settings these properties make.
     *
     * @param properties the {@code callgate.*} system properties, key to value
     * @param osEnv the value of {@value #OS_ENV}, or null
     * @throws IllegalArgumentException as {@link #current()} does
     */
    static Settings of(Map<String, String> properties, String osEnv) {
        return new Settings(properties, osEnv);
    }

    /** The properties whose key starts with {@code callgate.} in any case, sorted by key. */
    static Map<String, String> callgateProperties(Properties all) {
        Map<String, String> found = new TreeMap<>();
        for (String key : all.stringPropertyNames()) {
            if (key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                found.put(key, all.getProperty(key));
            }
        }
        return found;
    }

    /** The exit guard's mode; {@link ExitGuard.Mode#AUTO} when not set. */
    public ExitGuard.Mode exitGuard() {
        return exitGuard;
    }

    /** How long a callback thread waits for its diagnostic line, in milliseconds. */
    public long diagnosticTimeoutMillis() {
        return diagnosticTimeoutMillis;
    }

    /** The provider id that {@value #OS} or {@value #OS_ENV} names, trimmed; null when neither is set. */
    public String osOverride() {
        return osOverride;
    }

    /** Whether no OS module serving this JVM is an error instead of the Java fallback. */
    public boolean requireOsModule() {
        return requireOsModule;
    }

    /** Whether the Linux module must not load its native layer. */
    public boolean linuxDisabled() {
        return linuxDisabled;
    }

    /** Whether the java agent explains each callback it could not gate. */
    public boolean agentDebug() {
        return agentDebug;
    }

    /** Whether {@value #ROUTE} turns the FFM upcall route off for every JNA callback. */
    public boolean jnaRouteOnly() {
        return jnaRouteOnly;
    }

    private static boolean jnaRouteOnly(String value, List<String> problems) {
        return either(ROUTE, value, "jna", "auto", " (jna turns the FFM upcall route off)", problems);
    }

    private static ExitGuard.Mode exitGuard(String value, List<String> problems) {
        try {
            return ExitGuard.Mode.parse(value);
        } catch (IllegalArgumentException bad) {
            problems.add(bad.getMessage());
            return ExitGuard.Mode.AUTO;
        }
    }

    private static long timeoutMillis(String value, List<String> problems) {
        if (value == null) {
            return DEFAULT_TIMEOUT_MILLIS;
        }
        long millis;
        try {
            millis = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            millis = 0;
        }
        if (millis >= 1 && millis <= MAX_TIMEOUT_MILLIS) {
            return millis;
        }
        problems.add(given(DIAGNOSTIC_TIMEOUT_MILLIS, value) + " is not a whole number of milliseconds from 1 to "
                + MAX_TIMEOUT_MILLIS + "; fix the value, or remove the property for the default, "
                + DEFAULT_TIMEOUT_MILLIS);
        return DEFAULT_TIMEOUT_MILLIS;
    }

    /** Which provider id the property, else the environment variable, names; blank means not set. */
    private static String osOverride(String property, String env) {
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        return env == null || env.isBlank() ? null : env.trim();
    }

    private static boolean flag(String key, String value, List<String> problems) {
        return either(key, value, "true", "false", "", problems);
    }

    /** A property of two values: true for {@code yes}; {@code no}, the default, when unset or bad. */
    private static boolean either(String key, String value, String yes, String no, String meaning,
            List<String> problems) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals(yes) || v.equals(no)) {
            return v.equals(yes);
        }
        String accepted = yes.equals("true") ? "true or false" : no + " or " + yes;
        problems.add(given(key, value) + " is not " + accepted + "; fix the value" + meaning
                + ", or remove the property for the default, " + no);
        return false;
    }

    private static String unknownKey(String key, String value) {
        String closest = closestKey(key);
        return given(key, value) + ": " + key + " is no callgate property. Fix: " + (closest == null ? "remove it"
                : "did you mean " + closest + "? (keys are case-sensitive) Rename it, or remove it")
                + "; the properties are " + String.join(", ", KEYS);
    }

    /** The known key nearest to {@code key} (ignoring case), or null when none is near enough to be its typo. */
    static String closestKey(String key) {
        return NearestName.of(key, KEYS, PREFIX.length()); // "os" takes case slips only
    }

    /** How a property was given, its value cut to {@value #SHOWN_VALUE_CHARS} characters. */
    private static String given(String key, String value) {
        String shown = value.length() <= SHOWN_VALUE_CHARS ? value : value.substring(0, SHOWN_VALUE_CHARS) + "...";
        return "-D" + key + "=" + shown;
    }
}
