package dev.callgate;

import com.sun.jna.Callback;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.Checks;
import dev.callgate.internal.OpenCallbacks;
import dev.callgate.internal.StatsTotal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * first and then waits for all of them, so no member's body runs once it returns. A closed group
 * takes no new members: build a new group for callbacks native code should call again.
 *
 * <p>A member that is closed on its own leaves the group: a group that opens and closes a member
 * per stream holds only the open ones (and, until they return, closed ones whose calls still run,
 * which {@link #close()} still waits for). Its counts stay in {@link #stats()}. Thread-safe.
 *
 * <p>A group also holds handles built elsewhere, of either kind ({@link #add(GatedHandle)}): an FFM
 * upcall of the same library, say, then closes in the same barrier as the JNA members.
 *
 * <pre>{@code
 * GatedUpcall tick = vlc.add(FfmCallGate.builder(target, descriptor).name("vlc/tick").build());
 * }</pre>
 *
 * @since 1.0
 */
public final class CallbackGroup implements AutoCloseable {

    private static final int MIN_PRUNE_AT = 16;

    private final String name;
    /** Open members, and closed ones whose calls may still run, in joining order, to their gates. Guarded by this. */
    private final Map<GatedHandle, CallbackGate> members = new LinkedHashMap<>();
    private final StatsTotal total = new StatsTotal();
    private int pruneAt = MIN_PRUNE_AT; // guarded by this
    private volatile boolean closed; // written under this
    private volatile Policy policy = Policy.WARN_ONCE;
    private volatile Attachment attachment = Attachment.KEEP_ATTACHED;
    private volatile ExceptionReporting exceptionReporting = ExceptionReporting.ONCE_PER_CLASS;

    CallbackGroup(String name) {
        Checks.given(name, "name");
        if (name.isBlank() || name.strip().length() > Checks.MAX_NAME_LENGTH / 2) {
            throw new IllegalArgumentException("a group name must be 1 to " + Checks.MAX_NAME_LENGTH / 2
                    + " characters, such as the native library's name; got \"" + name + "\"");
        }
        this.name = name.strip();
    }

    /** The group's name, the prefix of its members' names. */
    public String name() {
        return name;
    }

    /**
     * The default policy of members built from now on.
     *
     * @throws NullPointerException if {@code policy} is null
     */
    public CallbackGroup policy(Policy policy) {
        this.policy = Checks.given(policy, "policy");
        return this;
    }

    /**
     * The default attachment of members built from now on.
     *
     * @throws NullPointerException if {@code attachment} is null
     */
    public CallbackGroup attachment(Attachment attachment) {
        this.attachment = Checks.given(attachment, "attachment");
        return this;
    }

    /**
     * The default exception reporting of members built from now on.
     *
     * @throws NullPointerException if {@code reporting} is null
     */
    public CallbackGroup exceptionReporting(ExceptionReporting reporting) {
        this.exceptionReporting = Checks.given(reporting, "reporting");
        return this;
    }

    /**
     * A builder for a member, preset with the group's defaults. Its {@code build()} also throws
     * {@link IllegalStateException} if the group was closed in the meantime.
     *
     * @throws NullPointerException if {@code type} or {@code body} is null
     * @throws IllegalStateException if the group is closed
     */
    public <T extends Callback> GatedCallback.Builder<T> builder(Class<T> type, T body) {
        GatedCallback.Builder<T> builder = new GatedCallback.Builder<>(type, body, this);
        if (closed) {
            throw refused();
        }
        return builder.policy(policy).attachment(attachment).exceptionReporting(exceptionReporting);
    }

    /**
     * A member with the group's defaults.
     *
     * @throws NullPointerException if {@code type} or {@code body} is null
     * @throws IllegalStateException if the group is closed
     */
    public <T extends Callback> GatedCallback<T> wrap(Class<T> type, T body) {
        return builder(type, body).build();
    }

    /**
     * Adds a handle built elsewhere to this group: a {@code GatedUpcall} of callgate-ffm, or a
     * {@link GatedCallback} built with {@link CallGate#builder}. From now on the group's
     * {@link #close()} closes it with the other members, as one barrier, and {@link #stats()}
     * includes its counts (those from before it was added too). The handle keeps its own name and
     * settings: the group's defaults apply to members its builder makes. Adding a member again
     * changes nothing; a handle may belong to several groups, and whichever closes first closes it.
     *
     * @param handle a handle callgate built
     * @param <H> the handle's type
     * @return {@code handle}
     * @throws NullPointerException if {@code handle} is null
     * @throws IllegalArgumentException if callgate did not build {@code handle}
     * @throws IllegalStateException if the group is closed; the handle is left as it was
     * @since 1.0
     */
    public <H extends GatedHandle> H add(H handle) {
        Checks.given(handle, "handle");
        OpenCallbacks.Opened opened = OpenCallbacks.openedBy(handle);
        if (opened == null) {
            throw new IllegalArgumentException(handle.getClass().getName() + " was not built by callgate; a group holds"
                    + " the handles callgate's builders return (GatedCallback, GatedUpcall): add one of those");
        }
        Object callback = opened.callback().get(); // the handle holds it: present while the handle is
        synchronized (this) {
            if (closed) {
                throw refused();
            }
            if (!members.containsKey(handle)) {
                admit(handle, opened.gate(), callback);
            }
        }
        return handle;
    }

    /** The open JNA members, in joining order; {@link #handles()} lists the FFM ones too. A closed member has left the group. */
    public synchronized List<GatedCallback<?>> members() {
        List<GatedCallback<?>> open = new ArrayList<>();
        for (GatedHandle member : members.keySet()) {
            if (member.isOpen() && member instanceof GatedCallback) {
                open.add((GatedCallback<?>) member);
            }
        }
        return List.copyOf(open);
    }

    /**
     * The open members of every kind, in joining order: those the group's builders made and those
     * {@link #add(GatedHandle) added}. A closed member has left the group.
     *
     * @return the open members
     * @since 1.0
     */
    public synchronized List<GatedHandle> handles() {
        List<GatedHandle> open = new ArrayList<>();
        for (GatedHandle member : members.keySet()) {
            if (member.isOpen()) {
                open.add(member);
            }
        }
        return List.copyOf(open);
    }

    /**
     * The sum of the counters of every member ever built, closed ones included (with the calls
     * that reach them after their close) for as long as native code may still call them: a
     * member's counts stay in the sum after its callback is collected too.
     */
    public CallbackStats stats() {
        return total.sum();
    }

    /**
     * Closes every member, then waits until none is running, as one barrier; see
     * {@link GatedCallback#close()} for calls from inside a body, and for the wait after a
     * {@link #close(Duration)} that gave up (at most that Duration again). The group then takes no
     * new members. Idempotent.
     */
    @Override
    public void close() {
        Map<GatedHandle, CallbackGate> closing = closeMembership();
        CallbackGate.closeAll(List.copyOf(closing.values()));
        leftAll(closing);
    }

    /**
     * {@link #close()}, waiting at most {@code timeout} in all, with the meaning of zero, negative
     * and huge Durations that {@link GatedCallback#close(Duration)} gives them. Every member is
     * closed whatever the outcome.
     *
     * @param timeout the longest wait
     * @return false when some member still had calls running at the deadline
     * @throws NullPointerException if {@code timeout} is null; the group then stays open
     */
    public boolean close(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        Map<GatedHandle, CallbackGate> closing = closeMembership();
        boolean quiet = CallbackGate.closeAll(List.copyOf(closing.values()), nanos);
        leftAll(closing);
        return quiet;
    }

    /** Whether {@link #close()} was called. */
    public boolean isOpen() {
        return !closed;
    }

    /** From now on no member joins; the members to close and wait for. */
    private synchronized Map<GatedHandle, CallbackGate> closeMembership() {
        closed = true;
        return new LinkedHashMap<>(members);
    }

    private synchronized void leftAll(Map<GatedHandle, CallbackGate> closedMembers) {
        closedMembers.forEach(this::leaveIfDone);
    }

    String memberName(String memberName) {
        return name + "/" + memberName;
    }

    /**
     * {@code member}, built but not yet handed to anyone, joins; a closed group closes it at once
     * and refuses it, so no member of a closed group can ever run a body.
     */
    void join(GatedCallback<?> member, Callback callback) {
        synchronized (this) {
            if (!closed) {
                admit(member, member.gate(), callback);
                return;
            }
        }
        member.gate().close(0); // nothing could call it yet: lets go of it without a wait or a line
        throw refused();
    }

    /** Lists {@code member} and counts its gate, first dropping closed members that no call runs in any more. */
    private void admit(GatedHandle member, CallbackGate gate, Object callback) {
        if (members.size() >= pruneAt) {
            members.entrySet().removeIf(m -> !m.getKey().isOpen() && m.getValue().callsInside() == 0);
            pruneAt = Math.max(MIN_PRUNE_AT, members.size() * 2);
        }
        members.put(member, gate);
        if (callback != null) {
            total.count(gate, callback);
        }
    }

    /** A member closed on its own leaves, unless some of its calls still run (a later close waits for them). */
    synchronized void left(GatedCallback<?> member) {
        leaveIfDone(member, member.gate());
    }

    private void leaveIfDone(GatedHandle member, CallbackGate gate) {
        if (gate.callsInside() == 0) {
            members.remove(member);
        }
    }

    /** Open members and closed ones still listed (tests: a group does not keep what it no longer needs). */
    synchronized int listed() {
        return members.size();
    }

    /** Gates whose counts the group still reads live (tests: collected members are folded away). */
    int liveCounted() {
        return total.liveGates();
    }

    private IllegalStateException refused() {
        return new IllegalStateException("callback group " + name + " is closed and takes no new members; make a new"
                + " group with CallGate.group(\"" + name + "\") for callbacks that native code should call again");
    }
}
