package dev.callgate;

import java.time.Duration;

/**
 * The handle that owns one gated callback, however native code reaches it: a JNA callback
 * ({@link GatedCallback}) or an FFM upcall stub ({@code dev.callgate.ffm.GatedUpcall}, in
 * callgate-ffm). What the two have in common is here, so that code which only names, inspects and
 * closes callbacks, and a {@link CallbackGroup} ({@link CallbackGroup#add(GatedHandle)}), can hold
 * both kinds.
 *
 * <p>Every call from native code passes the gate: a call on a thread the JVM did not create is
 * diagnosed and handled by the {@link #policy()}; an exception thrown by the body is written as one
 * diagnostic line and never reaches native code, which gets the default value instead.
 * {@link #close()} is a barrier: when it returns, no body of this callback runs on another thread
 * and none will start.
 *
 * <p>Implemented by callgate only: a group refuses handles callgate did not build. Instances are
 * thread-safe.
 *
 * @since 1.0
 */
public interface GatedHandle extends AutoCloseable {

    /**
     * The callback's name in diagnostics.
     *
     * @return the name, as the builder set it (in a group, with the group's prefix)
     * @since 1.0
     */
    String name();

    /**
     * The policy for calls on threads the JVM did not create.
     *
     * @return the policy the builder set
     * @since 1.0
     */
    Policy policy();

    /**
     * Whether {@link #close()} has not been called yet.
     *
     * @return true until the first {@code close()} or {@code close(Duration)}
     * @since 1.0
     */
    boolean isOpen();

    /**
     * What this callback's gate has counted so far: calls, calls on foreign threads, rejected
     * calls, exceptions contained, lines written.
     *
     * @return a snapshot of the counters
     * @since 1.0
     */
    CallbackStats stats();

    /**
     * Stops running the body and waits until no call of it is running on another thread; later
     * calls from native code return the default value. Called from inside a gated body it does not
     * wait for the calling thread's own bodies, nor for threads that are closing too, so bodies
     * that close each other never deadlock. Idempotent. The details of each kind are on
     * {@link GatedCallback#close()} and {@code GatedUpcall.close()}.
     *
     * @since 1.0
     */
    @Override
    void close();

    /**
     * {@link #close()}, waiting at most {@code timeout} for running calls. The callback is closed
     * whatever the outcome; only the wait is bounded. Zero or a negative Duration does not wait: it
     * closes, looks once, and returns whether any call still ran.
     *
     * @param timeout the longest wait
     * @return true when no call is running any more on another thread; false when some still ran
     *     at the deadline (one diagnostic line says how many)
     * @throws NullPointerException if {@code timeout} is null; the callback then stays open
     * @since 1.0
     */
    boolean close(Duration timeout);
}
