package dev.callgate;

/**
 * How a foreign native thread stays attached to the JVM between calls of a gated callback.
 *
 * @since 1.0
 */
public enum Attachment {
    /**
     * The default: JNA attaches the native thread once, as a daemon {@code Thread} named
     * {@code callgate-foreign-<native id>} in the thread group {@code callgate-foreign}, and keeps it
     * attached across calls. JNA detaches it when the native thread exits (a {@code pthread} key
     * destructor, or {@code DLL_THREAD_DETACH} on Windows, in JNA's {@code callback.c}).
     *
     * <p>A thread still attached when the JVM exits can no longer detach, and a library whose
     * destructor joins such threads at {@code exit(3)} (libuv's pool) would hang the exit; while
     * such a thread is alive at exit, callgate's exit guard ends the process with its status first
     * (glibc; {@code -Dcallgate.exitGuard=off} turns it off). See docs/lifecycle.md, "Attachment and exit".
     */
    KEEP_ATTACHED,
    /**
     * JNA's own default: attach before each call and detach after it, creating a new
     * {@code java.lang.Thread} every call (about 30 times slower than staying attached with one
     * GLib worker on the development machine, see BENCHMARKS.md). For native
     * code that must not see its threads stay attached.
     */
    DETACH_AFTER_EACH_CALL
}
