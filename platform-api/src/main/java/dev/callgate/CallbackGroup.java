package dev.callgate;

import com.sun.jna.Callback;
import dev.callgate.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Callbacks of one native library that share defaults and close together.
 *
 * <pre>{@code
 * try (CallbackGroup vlc = CallGate.group("vlc").policy(Policy.ALLOW)) {
 *     GatedCallback<Lock> lock = vlc.wrap(Lock.class, this::lock);
 *     GatedCallback<Display> display = vlc.builder(Display.class, this::display).name("display").build();
 *     ...
 * }   // one barrier: no member's body runs after this
 * }</pre>
 *
 * <p>The group's policy, attachment and exception reporting are the defaults of members built after
 * they are set; a member's builder can still override them. {@link #close()} closes every member
 * first and then waits for all of them, so no member's body runs once it returns. Thread-safe.
 */
public final class CallbackGroup implements AutoCloseable {

    private final String name;
    private final List<GatedCallback<?>> members = new CopyOnWriteArrayList<>();
    private volatile Policy policy = Policy.WARN_ONCE;
    private volatile Attachment attachment = Attachment.KEEP_ATTACHED;
    private volatile ExceptionReporting exceptionReporting = ExceptionReporting.ONCE_PER_CLASS;

    CallbackGroup(String name) {
        if (name == null || name.isBlank() || name.strip().length() > Checks.MAX_NAME_LENGTH / 2) {
            throw new IllegalArgumentException("a group name must be 1 to " + Checks.MAX_NAME_LENGTH / 2
                    + " characters, such as the native library's name; got " + (name == null ? "null" : "\"" + name + "\""));
        }
        this.name = name.strip();
    }

    /** The group's name, the prefix of its members' names. */
    public String name() {
        return name;
    }

    /** The default policy of members built from now on. */
    public CallbackGroup policy(Policy policy) {
        this.policy = Checks.given(policy, "policy");
        return this;
    }

    /** The default attachment of members built from now on. */
    public CallbackGroup attachment(Attachment attachment) {
        this.attachment = Checks.given(attachment, "attachment");
        return this;
    }

    /** The default exception reporting of members built from now on. */
    public CallbackGroup exceptionReporting(ExceptionReporting reporting) {
        this.exceptionReporting = Checks.given(reporting, "exception reporting");
        return this;
    }

    /** A builder for a member, preset with the group's defaults. */
    public <T extends Callback> GatedCallback.Builder<T> builder(Class<T> type, T body) {
        return new GatedCallback.Builder<>(type, body, this).policy(policy).attachment(attachment)
                .exceptionReporting(exceptionReporting);
    }

    /** A member with the group's defaults. */
    public <T extends Callback> GatedCallback<T> wrap(Class<T> type, T body) {
        return builder(type, body).build();
    }

    /** The members built so far. */
    public List<GatedCallback<?>> members() {
        return List.copyOf(members);
    }

    /** The sum of the members' counters. */
    public CallbackStats stats() {
        CallbackStats sum = CallbackStats.ZERO;
        for (GatedCallback<?> member : members) {
            sum = sum.plus(member.stats());
        }
        return sum;
    }

    /** Closes every member, then waits until none is running on another thread (see {@link GatedCallback#close()}). */
    @Override
    public void close() {
        closeAll(-1);
    }

    /**
     * {@link #close()}, waiting at most {@code timeout} in all.
     *
     * @return false when some member still had calls running at the deadline
     */
    public boolean close(Duration timeout) {
        return closeAll(timeout.toNanos());
    }

    private boolean closeAll(long timeoutNanos) {
        for (GatedCallback<?> member : members) {
            member.gate().markClosed(); // first all, so no member admits a call while another is awaited
        }
        long deadline = System.nanoTime() + timeoutNanos;
        boolean quiet = true;
        for (GatedCallback<?> member : members) {
            quiet &= member.gate().close(timeoutNanos < 0 ? -1 : Math.max(0, deadline - System.nanoTime()));
        }
        return quiet;
    }

    String memberName(String memberName) {
        return name + "/" + memberName;
    }

    void joined(GatedCallback<?> member) {
        members.add(member);
    }
}
