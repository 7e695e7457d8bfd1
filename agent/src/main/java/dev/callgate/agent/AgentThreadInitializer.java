package dev.callgate.agent;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import dev.callgate.Attachment;
import dev.callgate.spi.OsBackend;

/**
 * How JNA attaches a foreign thread for a callback the agent gates (and the application gave no
 * initializer of its own): a daemon, so it never keeps the JVM from exiting; kept attached unless
 * the option {@code attachment=detach} asks for JNA's attach and detach on every call; named
 * {@code callgate-foreign-<native id>} in the group {@code callgate-foreign}. JNA asks it on the
 * native thread itself, so the backend's thread id is that thread's.
 */
final class AgentThreadInitializer extends CallbackThreadInitializer {

    private static final ThreadGroup GROUP = new ThreadGroup("callgate-foreign");

    private final OsBackend backend;

    AgentThreadInitializer(OsBackend backend, Attachment attachment) {
        super(true, attachment == Attachment.DETACH_AFTER_EACH_CALL, null, GROUP);
        this.backend = backend;
    }

    @Override
    public String getName(Callback cb) {
        return "callgate-foreign-" + backend.currentNativeThreadId();
    }
}
