package dev.callgate.spi;

import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of binding an OS module's native functions, attempted once per JVM and remembered:
 * the bound layer, or why it could not be bound. The Netty transport habit of a capability probe
 * that says why it failed. Keep the instance in a lazily initialized holder class, so that the
 * binding runs on first use, after selection, never when a provider is loaded.
 *
 * <p>A failure is explained once, in words: the operating system the binding is for is not the
 * one running, a function is missing from the library, the library is missing, or JNA's own
 * native part could not load (named by {@link Platform#RESOURCE_PREFIX}, the directory JNA really
 * loads it from). The JNA error behind it stays attached as the cause.
 *
 * @param <T> the bound native layer
 * @since 1.0
 */
public final class NativeBinding<T> {

    /** JNA's message for a symbol it cannot find: {@code Error looking up function 'thr_self': ...}. */
    private static final Pattern MISSING_FUNCTION = Pattern.compile("Error looking up function '([^']+)'");

    /** JNA's message for a library it cannot open: {@code Unable to load library 'System': ...}. */
    private static final Pattern MISSING_LIBRARY = Pattern.compile("Unable to load library '([^']+)'");

    private final T bound;
    private final BackendUnavailableException failure;

    private NativeBinding(T bound, BackendUnavailableException failure) {
        this.bound = bound;
        this.failure = failure;
    }

    /**
     * Runs {@code binder} now and keeps its result or failure. A {@link BackendUnavailableException}
     * is kept as it is; any other exception or {@link LinkageError} is explained (see the class
     * comment) and kept as the cause.
     *
     * @param module the binding module, as its artifact id says it: {@code "callgate-os-freebsd"}
     */
    public static <T> NativeBinding<T> attempt(String module, Supplier<T> binder) {
        try {
            return new NativeBinding<>(binder.get(), null);
        } catch (BackendUnavailableException e) {
            return new NativeBinding<>(null, e);
        } catch (RuntimeException | LinkageError e) {
            return new NativeBinding<>(null, new BackendUnavailableException(explain(module, e), e));
        }
    }

    /**
     * Returns normally when JNA's {@link Platform} names the operating system {@code jnaOsType}
     * (such as {@link Platform#LINUX}) and the kernel really running agrees. Call it first in a
     * binder, so that the wrong OS is reported as such instead of as a failure to bind.
     *
     * @param module the binding module, such as {@code "callgate-os-linux"}
     * @param os the operating system's name for messages: {@code "Linux"}, {@code "macOS"},
     *     {@code "FreeBSD"} or {@code "Windows"}
     * @param backendId the provider id, for the override to remove
     * @throws BackendUnavailableException naming the cause and the fix
     */
    public static void requireOs(String module, int jnaOsType, String os, String backendId) {
        String osName = System.getProperty("os.name");
        String kernel = runningKernel();
        boolean jnaAgrees = Platform.getOSType() == jnaOsType;
        boolean kernelAgrees = kernel == null || kernel.equals(os);
        if (jnaAgrees && kernelAgrees) {
            return;
        }
        if (kernel != null && jnaAgrees != kernelAgrees) { // os.name names one system, the kernel is another
            throw new BackendUnavailableException("os.name says \"" + osName + "\" but this is a " + kernel
                    + " kernel, and JNA picks its native code by os.name, so " + module + " cannot bind " + os
                    + " functions here. Fix: do not override os.name (-Dos.name) and let callgate pick the backend"
                    + " for " + kernel + ".");
        }
        throw new BackendUnavailableException(module + " calls native functions that exist only on " + os
                + ", but this JVM runs on os.name \"" + osName + "\". Fix: let callgate pick the backend for this"
                + " OS (remove -Dcallgate.os=" + backendId + " or CALLGATE_OS) and add that OS's module.");
    }

    /**
     * The kernel this process really runs on, found without native code and without
     * {@code os.name}: {@code "Linux"}, {@code "macOS"}, {@code "FreeBSD"}, {@code "Windows"}, or
     * {@code null} when none of their marks is found.
     */
    static String runningKernel() {
        try {
            Path ostype = Path.of("/proc/sys/kernel/ostype"); // Linux's procfs; FreeBSD's linprocfs is not at /proc/sys
            if (Files.isReadable(ostype)
                    && Files.readString(ostype, StandardCharsets.US_ASCII).trim().equals("Linux")) {
                return "Linux";
            }
        } catch (java.io.IOException | RuntimeException e) {
            // unreadable: look for the other marks
        }
        if (Files.exists(Path.of("/System/Library/CoreServices/SystemVersion.plist"))) {
            return "macOS";
        }
        if (Files.exists(Path.of("/bin/freebsd-version"))) {
            return "FreeBSD";
        }
        String windows = System.getenv("OS");
        return windows != null && windows.toLowerCase(Locale.ROOT).startsWith("windows") ? "Windows" : null;
    }

    /** Says in one sentence why JNA could not bind, with the fix. */
    static String explain(String module, Throwable e) {
        String message = String.valueOf(e.getMessage());
        Matcher function = MISSING_FUNCTION.matcher(message);
        if (e instanceof UnsatisfiedLinkError && function.find()) {
            return module + " needs the C function " + function.group(1) + ", which the library it bound does not"
                    + " have. Fix: run the backend on the system it is for, with the C library its module names.";
        }
        Matcher library = MISSING_LIBRARY.matcher(message);
        if (e instanceof UnsatisfiedLinkError && library.find()) {
            return module + " needs the native library \"" + library.group(1) + "\", which JNA cannot open here."
                    + " Fix: run the backend on the system it is for, or set jna.library.path to the library's folder.";
        }
        if (e instanceof LinkageError) {
            return module + ": JNA's native part (com/sun/jna/" + Platform.RESOURCE_PREFIX + "/ in the JNA jar) could"
                    + " not load. Fix: use a JNA 5.19.1 or later jar that has that folder, with jna.tmpdir or"
                    + " java.io.tmpdir on a file system not mounted noexec.";
        }
        return module + " failed while binding its native functions. Fix: report it with the cause below.";
    }

    /**
     * The bound layer.
     *
     * @throws BackendUnavailableException if binding failed: a fresh exception, so the stack shows
     *     this caller, with the first failure's message and its cause
     */
    public T require() {
        if (failure != null) {
            throw new BackendUnavailableException(failure.getMessage(), failure.getCause());
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
