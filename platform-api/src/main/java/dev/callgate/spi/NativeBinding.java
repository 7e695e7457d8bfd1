package dev.callgate.spi;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The outcome of binding an OS module's native functions, attempted once per JVM and remembered:
 * the bound layer, or why it could not be bound. The Netty transport habit of a capability probe
 * that says why it failed. Keep the instance in a lazily initialized holder class, so that the
 * binding runs on first use, after selection, never when a provider is loaded.
 *
 * @param <T> the bound native layer
 */
public final class NativeBinding<T> {

    private final T bound;
    private final BackendUnavailableException failure;

    private NativeBinding(T bound, BackendUnavailableException failure) {
        this.bound = bound;
        this.failure = failure;
    }

    /**
     * Runs {@code binder} now and keeps its result or failure. A {@link BackendUnavailableException}
     * is kept as it is; any other exception or a {@link LinkageError} (a missing library or
     * symbol, JNA's own native part missing) is kept with the message {@code explain} gives it.
     */
    public static <T> NativeBinding<T> attempt(Supplier<T> binder, Function<Throwable, String> explain) {
        try {
            return new NativeBinding<>(binder.get(), null);
        } catch (BackendUnavailableException e) {
            return new NativeBinding<>(null, e);
        } catch (RuntimeException | LinkageError e) {
            return new NativeBinding<>(null, new BackendUnavailableException(explain.apply(e), e));
        }
    }

    /**
     * The usual fix when JNA itself cannot bind: which jars to add and where JNA's native part
     * must load from. {@code nativeDir} is JNA's resource prefix, such as {@code "linux-x86-64"}'s
     * OS part {@code "linux"}.
     */
    public static String jnaFix(String artifacts, String nativeDir) {
        return "Fix: put " + artifacts + " (5.19.1 or later) on the class path; JNA's native part must exist for "
                + nativeDir + "-" + System.getProperty("os.arch") + " and be loadable from jna.tmpdir or"
                + " java.io.tmpdir (a directory not mounted noexec).";
    }

    /**
     * The bound layer.
     *
     * @throws BackendUnavailableException if binding failed: a fresh exception, so the stack shows
     *     this caller, with the first failure as its cause
     */
    public T require() {
        if (failure != null) {
            throw new BackendUnavailableException(failure.getMessage(), failure);
        }
        return bound;
    }

    /** Whether the native layer is bound. */
    public boolean isBound() {
        return failure == null;
    }

    /** Why binding failed, with the fix in its message; {@code null} when bound. */
    public BackendUnavailableException failure() {
        return failure;
    }
}
