package dev.callgate.it.support;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/** Raw POSIX threads through JNA: the plainest way native code makes a thread the JVM never saw start. */
public final class PosixThreads {

    /** {@code void *(*start_routine)(void *)}: what a new thread runs; its result is what {@code pthread_join} hands back. */
    public interface StartRoutine extends Callback {
        Pointer run(Pointer arg);
    }

    /** The two pthread functions the tests need. */
    interface Pthread extends Library {
        /**
         * {@code int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
         * void *(*start_routine)(void *), void *arg)}: starts a joinable thread running
         * {@code start_routine(arg)} and stores its id in {@code *thread} ({@code pthread_t} is an
         * {@code unsigned long} on Linux, hence {@link NativeLong}).
         *
         * @return 0, or an error number (EAGAIN, EINVAL, EPERM); errno is not set
         */
        int pthread_create(NativeLongByReference thread, Pointer attr, StartRoutine startRoutine, Pointer arg);

        /**
         * {@code int pthread_join(pthread_t thread, void **retval)}: waits for the thread to
         * terminate (its thread-specific data destructors have run by then) and stores its
         * start routine's result in {@code *retval}.
         *
         * @return 0, or an error number (EDEADLK, EINVAL, ESRCH)
         */
        int pthread_join(NativeLong thread, PointerByReference retval);
    }

    /** glibc 2.34 moved the pthread functions into libc; older ones keep them in libpthread, which still loads after 2.34. */
    private static final Pthread PTHREAD = load();

    private PosixThreads() {}

    /**
     * Runs {@code routine(arg)} on a new native thread, waits until that thread has terminated, and
     * returns what the routine returned.
     *
     * @throws AssertionError if the thread cannot be created or joined, with the error number
     */
    public static Pointer runAndJoin(StartRoutine routine, Pointer arg) {
        NativeLongByReference id = new NativeLongByReference();
        int created = PTHREAD.pthread_create(id, null, routine, arg);
        if (created != 0) {
            throw new AssertionError("pthread_create failed with error number " + created);
        }
        PointerByReference result = new PointerByReference();
        int joined = PTHREAD.pthread_join(id.getValue(), result);
        if (joined != 0) {
            throw new AssertionError("pthread_join failed with error number " + joined);
        }
        return result.getValue();
    }

    private static Pthread load() {
        try {
            return Native.load("pthread", Pthread.class);
        } catch (UnsatisfiedLinkError noSeparateLibrary) {
            return Native.load(Platform.C_LIBRARY_NAME, Pthread.class);
        }
    }
}
