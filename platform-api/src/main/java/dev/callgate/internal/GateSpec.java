package dev.callgate.internal;

import dev.callgate.Attachment;
import dev.callgate.ExceptionReporting;
import dev.callgate.Policy;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.OsBackend;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one construction path of a {@link CallbackGate}: the JNA builder, the FFM builder and the
 * java agent each say what they know about one callback here, and {@link #gate()} resolves the
 * rest the same way for all three: the {@code callgate.*} settings are checked first, the backend
 * is the one selected for this JVM unless given, and the diagnostics go to the backend's standard
 * error unless given (by the front end, or for tools and tests by {@link #diagnosticsTo}).
 *
 * <p>Defaults are the public API's: {@link Policy#WARN_ONCE}, {@link Attachment#KEEP_ATTACHED},
 * {@link ExceptionReporting#ONCE_PER_CLASS}, and JVM threads told apart as those Java code started
 * ({@link ThreadOrigin#startedByJava}). Not thread-safe: one front end fills one spec, then builds.
 */
public final class GateSpec {

    /** A writer {@link #diagnosticsTo} set for the gates built on this thread meanwhile; null: none. */
    private static final ThreadLocal<DiagnosticWriter> DIAGNOSTICS_HERE = new ThreadLocal<>();

    private final String name;
    private Policy policy = Policy.WARN_ONCE;
    private Attachment attachment = Attachment.KEEP_ATTACHED;
    private ExceptionReporting exceptionReporting = ExceptionReporting.ONCE_PER_CLASS;
    private String fallbackText = "nothing";
    private OsBackend backend;
    private DiagnosticWriter diagnostics;
    private Function<OsBackend, Predicate<StackWalker.StackFrame>> jvmEntry = os -> ThreadOrigin::startedByJava;

    private GateSpec(String name) {
        this.name = name;
    }

    /**
     * A spec for the gate of the callback {@code name}, after every {@code callgate.*} property was
     * checked (so a bad one is the first error a build reports, whichever front end builds).
     *
     * @throws IllegalArgumentException as {@link Settings#current()} does
     */
    public static GateSpec named(String name) {
        Settings.current();
        return new GateSpec(Checks.given(name, "name"));
    }

    public GateSpec policy(Policy policy) {
        this.policy = Checks.given(policy, "policy");
        return this;
    }

    public GateSpec attachment(Attachment attachment) {
        this.attachment = Checks.given(attachment, "attachment");
        return this;
    }

    public GateSpec exceptionReporting(ExceptionReporting reporting) {
        this.exceptionReporting = Checks.given(reporting, "reporting");
        return this;
    }

    /** What native code gets when the body does not run, as the lines say it ("0", "NULL", "nothing"). */
    public GateSpec fallbackText(String text) {
        this.fallbackText = Checks.given(text, "text");
        return this;
    }

    /** The backend to use instead of the one selected for this JVM; null keeps the selected one. */
    public GateSpec backend(OsBackend given) {
        this.backend = given;
        return this;
    }

    /** Where the lines go instead of the backend's standard error; null keeps the default. */
    public GateSpec diagnostics(DiagnosticWriter writer) {
        this.diagnostics = writer;
        return this;
    }

    /** The rule that tells threads the JVM created on this route, made for the backend; see {@link ThreadOrigin}. */
    public GateSpec jvmEntry(Function<OsBackend, Predicate<StackWalker.StackFrame>> rule) {
        this.jvmEntry = Checks.given(rule, "rule");
        return this;
    }

    /**
     * The backend the gate will use: the given one, else the one selected for this JVM (selected
     * on the first call, from then on the same).
     *
     * @throws IllegalStateException if no backend can be selected
     */
    public OsBackend backend() {
        if (backend == null) {
            backend = Backends.backend();
        }
        return backend;
    }

    /** The gate this spec describes. */
    public CallbackGate gate() {
        OsBackend os = backend();
        DiagnosticWriter here = DIAGNOSTICS_HERE.get();
        DiagnosticWriter writer = diagnostics != null ? diagnostics : here != null ? here : os.stderr();
        return new CallbackGate(name, policy, attachment, exceptionReporting, fallbackText, os, writer,
                jvmEntry.apply(os));
    }

    /**
     * Runs {@code build} (a builder's {@code build()}) with the diagnostics of every gate it builds
     * on this thread going to {@code writer}, unless its builder names a writer itself: how
     * callgate's own tests, tools and benchmarks send a callback's lines to a file they read back or
     * to {@code /dev/null}. Not offered by the public builders: an application has no raw
     * descriptor to give.
     *
     * @return what {@code build} returns
     */
    public static <T> T diagnosticsTo(DiagnosticWriter writer, Supplier<T> build) {
        Checks.given(writer, "writer");
        DiagnosticWriter outer = DIAGNOSTICS_HERE.get();
        DIAGNOSTICS_HERE.set(writer);
        try {
            return build.get();
        } finally {
            if (outer == null) {
                DIAGNOSTICS_HERE.remove();
            } else {
                DIAGNOSTICS_HERE.set(outer);
            }
        }
    }
}
