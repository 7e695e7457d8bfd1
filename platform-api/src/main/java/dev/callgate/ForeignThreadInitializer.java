package dev.callgate;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import dev.callgate.spi.OsBackend;

/**
 * Tells JNA how to attach a native thread for a gated callback: as a daemon, so it never keeps
 * the JVM from exiting; named {@code callgate-foreign-<native id>}, so thread dumps say where it
 * came from; in its own thread group; and, unless the callback asks otherwise, left attached
 * across calls. JNA asks the initializer on the native thread itself, before attaching it, so
 * the backend's thread id here is the native thread's.
 */
final class ForeignThreadInitializer extends CallbackThreadInitializer {

    /** The group of every thread the gate's initializer attaches. */
    static final ThreadGroup GROUP = new ThreadGroup("callgate-foreign");

    private final OsBackend backend;

    ForeignThreadInitializer(OsBackend backend, Attachment attachment) {
        super(true, attachment == Attachment.DETACH_AFTER_EACH_CALL, null, GROUP);
        this.backend = backend;
    }

    @Override
    public String getName(Callback cb) {
        return "callgate-foreign-" + backend.currentNativeThreadId();
    }
}
