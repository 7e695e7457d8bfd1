package dev.callgate.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One gate's part in {@code close()}, what a thread's {@link CallbackGate.Entry} points to. Not the
 * gate itself: a thread-local value that reached its gate would keep every gate a thread ever
 * called alive for as long as the thread lives.
 */
final class CloseState {

    /** No handle can close the gate (the java agent's gates): nobody ever waits for its bodies. */
    static final int UNHELD = 0;
    /** A handle may close the gate; it is open. */
    static final int OPEN = 1;
    /** Closed: no body starts any more. */
    static final int CLOSED = 2;

    volatile int state = UNHELD;

    /**
     * The gate's bodies that run on threads which are themselves inside a {@code close()} (theirs
     * or another gate's): a closer that runs a body does not wait for these, or two bodies that
     * close at once would wait for each other for ever.
     */
    final AtomicLong closingBodies = new AtomicLong();
}
