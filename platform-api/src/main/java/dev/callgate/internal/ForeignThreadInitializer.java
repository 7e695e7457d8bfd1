package dev.callgate.internal;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import dev.callgate.Attachment;
import dev.callgate.spi.OsBackend;

/**
 * Tells JNA how to attach a native thread for a gated callback: as a daemon, so it never keeps
 * the JVM from exiting; detached after each call only for {@link Attachment#DETACH_AFTER_EACH_CALL};
 * named {@code callgate-foreign-<native id>} in the group {@code callgate-foreign}, unless the
 * application gave its own initializer, whose name and group are used instead. JNA asks the
 * initializer on the native thread itself, so the backend's thread id here is the native thread's.
 */
public final class ForeignThreadInitializer extends CallbackThreadInitializer {

    /** The group of threads the gate attaches, unless the application chose another. */
    public static final ThreadGroup GROUP = new ThreadGroup("callgate-foreign");

    private final OsBackend backend;
    private final CallbackThreadInitializer application;

    /** @param application the application's own initializer, whose name and group win; or null */
    public ForeignThreadInitializer(OsBackend backend, Attachment attachment, CallbackThreadInitializer application) {
        super(true, attachment == Attachment.DETACH_AFTER_EACH_CALL, null, GROUP);
        this.backend = backend;
        this.application = application;
    }

    @Override
    public String getName(Callback cb) {
        String name = application == null ? null : application.getName(cb);
        return name != null ? name : "callgate-foreign-" + backend.currentNativeThreadId();
    }

    @Override
    public ThreadGroup getThreadGroup(Callback cb) {
        ThreadGroup group = application == null ? null : application.getThreadGroup(cb);
        return group != null ? group : GROUP;
    }
}
