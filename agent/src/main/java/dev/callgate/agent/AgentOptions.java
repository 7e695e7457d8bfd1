package dev.callgate.agent;

import dev.callgate.Attachment;
import dev.callgate.ExceptionReporting;
import dev.callgate.Policy;
import dev.callgate.internal.LineText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's argument string: {@code key=value} pairs separated by commas, for example
 * {@code policy=warn,attachment=keep,include=com.example.,exclude=org.foo.}.
 *
 * <ul>
 *   <li>{@code policy}: {@code allow}, {@code warn-once} (default), {@code warn}, {@code reject}, {@code abort}</li>
 *   <li>{@code attachment}: {@code keep} (default) or {@code detach} (JNA's attach and detach on every call)</li>
 *   <li>{@code exceptions}: {@code once} (default: one line per exception class) or {@code every}</li>
 *   <li>{@code include}, {@code exclude}: a class name ({@code com.example.Tick}, its simple name
 *       starting with an upper-case letter) or a package prefix ending in {@code .}
 *       ({@code com.example.}); a callback is gated when its class or one of its callback interfaces
 *       matches an include (or no include is given) and none matches an exclude. Repeat the key, or
 *       separate prefixes with {@code |}. Callbacks the library API already gates are never gated
 *       twice.</li>
 *   <li>{@code direct}: {@code gate} (default: a direct-mapped callback is routed through JNA's
 *       interface-mapped dispatch, where the gate sits) or {@code leave} (direct-mapped callbacks
 *       keep their direct dispatch and are not gated)</li>
 *   <li>{@code route}: {@code auto} (default: on JDK 22 or later, with callgate-ffm in the agent jar
 *       and native access enabled, a callback whose signature an FFM upcall stub converts as JNA
 *       does gets such a stub instead of JNA's trampoline) or {@code jna} (every callback keeps JNA's
 *       trampoline, as {@code -Dcallgate.route=jna} does)</li>
 *   <li>{@code verbose}: {@code true} (one line when the agent starts, with callgate's version and
 *       these options) or {@code false} (default: the agent says nothing unless something is wrong)</li>
 * </ul>
 *
 * <p>{@link #parse} is the one place the argument is checked, once, when the agent starts: an
 * unknown key, a value outside the lists above, a key other than {@code include}/{@code exclude}
 * given twice, or a name that is neither a class name nor a package prefix (such as
 * {@code com.example} without its trailing dot, which would match no class and leave every
 * callback ungated without a word) is refused with a message naming the option, the value and the
 * fix.
 */
public record AgentOptions(Policy policy, Attachment attachment, ExceptionReporting exceptions,
        List<String> includes, List<String> excludes, boolean gateDirect, boolean ffmRoute, boolean verbose) {

    private static final String KEYS = "policy, attachment, exceptions, include, exclude, direct, route, verbose";

    /**
     * How to use the agent, printed by {@code java -jar callgate-agent.jar} ({@link AgentUsage}); a
     * constant, so that printing it loads no class that needs JNA.
     */
    static final String USAGE = """
            usage: java -javaagent:callgate-agent.jar[=OPTIONS] -cp <your application, with JNA> <main class>
              The agent gates every JNA callback of the application without a change to its code. JNA
              comes from the application's class path: the agent brings none.
              Into a running JVM: VirtualMachine.attach(pid).loadAgent("callgate-agent.jar", "OPTIONS").

            OPTIONS, key=value separated by commas (policy=warn,include=com.example.):
              policy=allow|warn-once|warn|reject|abort   what a foreign thread's call gets (default warn-once)
              attachment=keep|detach     keep foreign threads attached (default) or JNA's detach per call
              exceptions=once|every      one line per exception class (default) or one per exception
              include=NAME[|NAME...]     gate only these callbacks: a class (com.example.Tick) or a package
                                         prefix ending in a dot (com.example.); may be repeated
              exclude=NAME[|NAME...]     never gate these
              direct=gate|leave          gate direct-mapped callbacks too (default) or leave them alone
              route=auto|jna             auto (default): on JDK 22+ with native access enabled
                                         (--enable-native-access=ALL-UNNAMED), FFM upcall stubs where they
                                         convert as JNA does; jna: JNA's own trampolines only
              verbose=true|false         one line at start with callgate's version and the options

            Try it (needs libglib-2.0): java -javaagent:callgate-agent.jar -cp callgate-agent.jar:jna.jar \
                dev.callgate.agent.AgentDemo
            """;

    /** What an empty argument string means. */
    public static final AgentOptions DEFAULTS = new AgentOptions(Policy.WARN_ONCE, Attachment.KEEP_ATTACHED,
            ExceptionReporting.ONCE_PER_CLASS, List.of(), List.of(), true, true, false);

    /**
     * @param text the agent argument (null or blank: the defaults)
     * @throws IllegalArgumentException naming the bad option, its value and what is accepted; what the
     *     user typed is escaped as in every diagnostic line
     */
    public static AgentOptions parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULTS;
        }
        Policy policy = DEFAULTS.policy;
        Attachment attachment = DEFAULTS.attachment;
        ExceptionReporting exceptions = DEFAULTS.exceptions;
        boolean gateDirect = true;
        boolean ffmRoute = true;
        boolean verbose = false;
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        Map<String, String> given = new HashMap<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option \"" + LineText.escape(item) + "\" is not key=value; keys:"
                        + " " + KEYS);
            }
            String key = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = item.substring(eq + 1).strip();
            String earlier = given.put(key, value);
            if (earlier != null && !key.equals("include") && !key.equals("exclude")) {
                throw new IllegalArgumentException("option " + key + " is given twice (" + LineText.escape(key + "="
                        + earlier) + ", then " + LineText.escape(key + "=" + value) + "); give it once");
            }
            switch (key) {
                case "policy" -> policy = policy(value);
                case "attachment" -> attachment = switch (value.toLowerCase(Locale.ROOT)) {
                    case "keep", "keep-attached" -> Attachment.KEEP_ATTACHED;
                    case "detach", "detach-after-each-call" -> Attachment.DETACH_AFTER_EACH_CALL;
                    default -> throw bad(key, value, "keep, detach");
                };
                case "exceptions" -> exceptions = switch (value.toLowerCase(Locale.ROOT)) {
                    case "once", "once-per-class" -> ExceptionReporting.ONCE_PER_CLASS;
                    case "every" -> ExceptionReporting.EVERY;
                    default -> throw bad(key, value, "once, every");
                };
                case "direct" -> gateDirect = switch (value.toLowerCase(Locale.ROOT)) {
                    case "gate" -> true;
                    case "leave" -> false;
                    default -> throw bad(key, value, "gate, leave");
                };
                case "route" -> ffmRoute = switch (value.toLowerCase(Locale.ROOT)) {
                    case "auto" -> true;
                    case "jna" -> false;
                    default -> throw bad(key, value, "auto, jna");
                };
                case "verbose" -> verbose = switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw bad(key, value, "true, false");
                };
                case "include" -> includes.addAll(prefixes(key, value));
                case "exclude" -> excludes.addAll(prefixes(key, value));
                default -> throw new IllegalArgumentException("unknown option \"" + LineText.escape(key) + "\"; keys:"
                        + " " + KEYS);
            }
        }
        return new AgentOptions(policy, attachment, exceptions, List.copyOf(includes), List.copyOf(excludes), gateDirect,
                ffmRoute, verbose);
    }

    /** Whether a callback whose class and callback interfaces have these names is gated. */
    public boolean selects(List<String> names) {
        if (!includes.isEmpty() && names.stream().noneMatch(n -> matchesAny(n, includes))) {
            return false;
        }
        return names.stream().noneMatch(n -> matchesAny(n, excludes));
    }

    /** Every option, for the attach message; the prefixes the user typed are escaped like any line's text. */
    public String describe() {
        return "policy " + policy + ", attachment " + attachment + ", exceptions " + exceptions
                + (includes.isEmpty() ? "" : ", include " + LineText.escape(String.join("|", includes)))
                + (excludes.isEmpty() ? "" : ", exclude " + LineText.escape(String.join("|", excludes)))
                + (gateDirect ? "" : ", direct-mapped callbacks left alone")
                + (ffmRoute ? "" : ", JNA's route only");
    }

    private static boolean matchesAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (prefix.endsWith(".") ? name.startsWith(prefix) : name.equals(prefix) || name.startsWith(prefix + "$")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> prefixes(String key, String value) {
        List<String> out = new ArrayList<>();
        for (String p : value.split("\\|")) {
            if (!p.isBlank()) {
                out.add(checkedName(key, p.strip()));
            }
        }
        if (out.isEmpty()) {
            throw bad(key, value, "a class name or a package prefix such as com.example.");
        }
        return out;
    }

    /**
     * A class name or a package prefix, or an exception: a name whose last part starts with a
     * lower-case letter is a package without its trailing dot (it would match nothing), and
     * anything that is not dotted Java identifiers (a glob such as {@code com.example.*}) matches
     * nothing either.
     */
    private static String checkedName(String key, String name) {
        boolean prefix = name.endsWith(".");
        String[] parts = (prefix ? name.substring(0, name.length() - 1) : name).split("\\.", -1);
        for (String part : parts) {
            if (!isIdentifier(part)) {
                throw bad(key, name, "a class name (com.example.Tick) or a package prefix ending in a dot"
                        + " (com.example.); no wildcards");
            }
        }
        if (!prefix && Character.isLowerCase(parts[parts.length - 1].charAt(0))) {
            throw new IllegalArgumentException("option " + key + "=" + LineText.escape(name) + " names no class (a"
                    + " class's simple name starts with an upper-case letter) and would match no callback; for the"
                    + " package write " + key + "=" + LineText.escape(name) + ". with the trailing dot");
        }
        return name;
    }

    private static boolean isIdentifier(String part) {
        if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))) {
            return false;
        }
        return part.codePoints().allMatch(c -> Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
    }

    private static Policy policy(String value) {
        try {
            return Policy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException bad(String key, String value, String accepted) {
        return new IllegalArgumentException("option " + key + "=" + LineText.escape(value) + " is not understood; " + key
                + " takes " + accepted);
    }
}
