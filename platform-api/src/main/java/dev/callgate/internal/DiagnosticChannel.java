package dev.callgate.internal;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands diagnostic lines to one daemon thread that makes the native writes, so that a callback
 * thread never waits on a stalled standard error longer than {@link #timeoutNanos()}.
 *
 * <p>A blocking {@code write(2)} (or {@code WriteFile}) on a pipe whose reader has stopped cannot
 * be interrupted from Java, so no callback thread makes it: the callback thread claims a
 * pre-allocated slot, publishes the line and waits for the writer thread's answer, at most the
 * bound (default {@value #DEFAULT_TIMEOUT_MILLIS} ms, property {@value #TIMEOUT_PROPERTY}) when the
 * writer thread is stuck in a write, and at most 90 ms more when it is merely late (a loaded
 * machine). A line the writer thread has not started by then is dropped and counted; one it
 * started is written whole or not at all (one native write of at most
 * {@link NativeMessage#MAX_BYTES} bytes), so lines never interleave. A caller that finds the ring
 * full waits for a slot within the same bound; when the writer thread is stuck in a write, the
 * ring fills and its lines are dropped at once.
 *
 * <p>No allocation, no lock and no class loading on the way in: slots are reused, the wait is a
 * short spin, then {@link Thread#yield} for up to 100 µs, then {@link LockSupport#parkNanos} until
 * the bound, which the writer thread's unpark ends early. Waiting callers never poll on a short
 * period: hundreds of them polling each millisecond starved the writer thread and the rest of a
 * loaded machine, until lines were dropped that nothing stopped.
 */
public final class DiagnosticChannel {

    /** System property: how long a callback thread waits for its line, in milliseconds. */
    public static final String TIMEOUT_PROPERTY = Settings.DIAGNOSTIC_TIMEOUT_MILLIS;

    static final long DEFAULT_TIMEOUT_MILLIS = Settings.DEFAULT_TIMEOUT_MILLIS;

    /** What became of a line, as the caller counts it. */
    public enum Outcome { WRITTEN, FAILED, DROPPED }

    private static final int CAPACITY = 256; // a power of two
    /**
     * A short spin, then yields, then parking. The writer thread answers in microseconds, but
     * callers that spin long starve it of a CPU on small machines (it then looks stuck in its
     * write), and callers that park at once pay two thread wake-ups per line (about 40 µs on a
     * 2-core VM). Yielding keeps the caller awake while letting the writer thread run.
     */
    private static final int SPINS = 64;
    private static final long YIELD_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** How long the writer thread stays awake for the next line before it parks: lines come in bursts. */
    private static final long WRITER_LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** How often a caller past the bound looks again while the writer is late but not stalled. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * A caller facing a full ring parks 50 µs first, then twice as long each time, up to 6.4 ms: a
     * full ring means 256 lines ahead of it, so a late look costs little, and frequent ones from
     * many callers cost a loaded machine its CPUs.
     */
    private static final long FULL_RING_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final int FULL_RING_DOUBLINGS = 7;

    /** How much longer than the bound a caller waits for a writer thread that is not stalled but not yet scheduled. */
    static final long SCHEDULING_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(90);

    private static final int PENDING = 0;
    private static final int WRITING = 1;
    private static final int ABANDONED = 2;
    private static final int DONE_WRITTEN = 3;
    private static final int DONE_FAILED = 4;

    /**
     * Made on first use, from the checked settings: a bad property is an exception from
     * {@code build()}, never a class that fails to initialize for the life of the JVM.
     */
    private static volatile DiagnosticChannel shared;

    private final Slot[] slots = new Slot[CAPACITY];
    private final AtomicLong tail = new AtomicLong();
    private final long timeoutNanos;
    private volatile Thread writerThread;
    private volatile long writeStartedAt; // nonzero while the writer thread is inside a native write
    private long head; // writer thread only

    DiagnosticChannel(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        for (int i = 0; i < CAPACITY; i++) {
            slots[i] = new Slot(i);
        }
    }

    /**
     * The channel every gate writes through.
     *
     * @throws IllegalArgumentException on the first use, if a {@code callgate.*} property is bad
     *     (see {@link Settings#current()}); gates are built after that check
     */
    public static DiagnosticChannel shared() {
        DiagnosticChannel channel = shared;
        if (channel == null) {
            synchronized (DiagnosticChannel.class) {
                channel = shared;
                if (channel == null) {
                    long millis = Settings.current().diagnosticTimeoutMillis();
                    channel = new DiagnosticChannel(TimeUnit.MILLISECONDS.toNanos(millis));
                    shared = channel;
                }
            }
        }
        return channel;
    }

    /** How long a callback thread waits for one line. */
    public long timeoutNanos() {
        return timeoutNanos;
    }

    /**
     * Writes {@code line} through {@code writer} on the writer thread and waits for the outcome, at
     * most {@link #timeoutNanos()}. Never throws.
     */
    public Outcome write(DiagnosticWriter writer, NativeMessage line) {
        return write(writer, line, timeoutNanos);
    }

    Outcome write(DiagnosticWriter writer, NativeMessage line, long waitNanos) {
        try {
            long start = System.nanoTime();
            Slot slot = claim(start, waitNanos);
            if (slot == null) {
                return Outcome.DROPPED; // the ring is full behind a stuck writer thread, or stayed full for the bound
            }
            slot.writer = writer;
            slot.line = line;
            slot.waiter = Thread.currentThread();
            slot.state.set(PENDING);
            long ticket = slot.ticket;
            slot.sequence.set(ticket + 1); // published
            LockSupport.unpark(writerThread());
            return await(slot, ticket, start, waitNanos);
        } catch (Throwable t) { // a diagnostic never becomes the failure
            return Outcome.FAILED;
        }
    }

    /**
     * The next free slot, or null when the ring is full behind a writer thread stuck in a write, or
     * stays full past the bound. A full ring alone does not mean a stuck writer: each caller frees
     * its own slot once it has read its outcome, so a caller the scheduler has not run yet holds its
     * slot while the others go round the ring.
     */
    private Slot claim(long start, long waitNanos) {
        for (int spin = 0; ; spin++) {
            long t = tail.get();
            Slot slot = slots[(int) (t & (CAPACITY - 1))];
            long sequence = slot.sequence.get();
            if (sequence == t) {
                if (tail.compareAndSet(t, t + 1)) {
                    slot.ticket = t;
                    return slot;
                }
                Thread.onSpinWait();
            } else if (sequence > t) {
                Thread.onSpinWait(); // another caller took ticket t: read the tail again
            } else {
                long now = System.nanoTime();
                if (writerStalled(now, waitNanos) || givenUp(now, start, waitNanos)) {
                    return null;
                }
                if (spin < SPINS) {
                    Thread.onSpinWait();
                } else { // the holder needs a CPU to free its slot, and no one unparks this caller
                    LockSupport.parkNanos(this, FULL_RING_PARK_NANOS << Math.min(spin - SPINS, FULL_RING_DOUBLINGS));
                }
            }
        }
    }

    /**
     * Whether a caller that started waiting at {@code start} stops: past the bound with the writer
     * thread stuck in one write, or past the bound and the scheduling grace.
     */
    private boolean givenUp(long now, long start, long waitNanos) {
        long waited = now - start;
        return waited >= waitNanos && (writerStalled(now, waitNanos) || waited >= waitNanos + SCHEDULING_GRACE_NANOS);
    }

    private Outcome await(Slot slot, long ticket, long start, long waitNanos) {
        long deadline = start + waitNanos;
        for (int spin = 0; ; spin++) {
            int state = slot.state.get();
            if (state >= DONE_WRITTEN) {
                release(slot, ticket);
                return state == DONE_WRITTEN ? Outcome.WRITTEN : Outcome.FAILED;
            }
            long now = System.nanoTime();
            if (givenUp(now, start, waitNanos)) {
                // Not written in time. A line not yet started is never written; one under way is
                // finished whole by the writer thread, which then frees the slot.
                if (slot.state.compareAndSet(state, ABANDONED)) {
                    return Outcome.DROPPED;
                }
                continue; // the writer thread finished just now
            }
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else if (now - start < YIELD_NANOS) {
                Thread.yield();
            } else {
                // Until the bound: the writer thread's unpark ends the wait. Past it (a late writer), look each PARK_NANOS.
                long left = deadline - now;
                LockSupport.parkNanos(this, left > 0 ? Math.max(1_000, left) : PARK_NANOS);
            }
        }
    }

    /**
     * Whether the writer thread has been inside one native write for the whole bound: the sink is
     * stalled. Past the bound with the writer merely not scheduled yet (a loaded machine), the
     * caller waits a little longer, up to {@link #SCHEDULING_GRACE_NANOS}, instead of dropping
     * a line that nothing stops.
     */
    private boolean writerStalled(long now, long waitNanos) {
        long since = writeStartedAt;
        return since != 0 && now - since >= waitNanos;
    }

    private void release(Slot slot, long ticket) {
        slot.line = null;
        slot.writer = null;
        slot.waiter = null;
        slot.sequence.set(ticket + CAPACITY);
    }

    private Thread writerThread() {
        Thread t = writerThread;
        if (t == null) {
            synchronized (this) { // once per JVM
                t = writerThread;
                if (t == null) {
                    t = new Thread(this::drain, "callgate-diagnostics");
                    t.setDaemon(true);
                    t.start();
                    writerThread = t;
                }
            }
        }
        return t;
    }

    /** Starts the writer thread now, off any callback thread. */
    public void start() {
        writerThread();
    }

    private void drain() {
        long idleSince = 0;
        while (true) {
            Slot slot = slots[(int) (head & (CAPACITY - 1))];
            if (slot.sequence.get() != head + 1) {
                long now = System.nanoTime();
                if (idleSince == 0) {
                    idleSince = now;
                }
                if (now - idleSince < WRITER_LINGER_NANOS) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
                }
                continue;
            }
            idleSince = 0;
            long ticket = head++;
            if (!slot.state.compareAndSet(PENDING, WRITING)) {
                release(slot, ticket); // abandoned by a caller that timed out
                continue;
            }
            writeStartedAt = System.nanoTime() | 1; // never 0
            boolean written = slot.writer.write(slot.line);
            writeStartedAt = 0;
            Thread waiter = slot.waiter;
            if (slot.state.compareAndSet(WRITING, written ? DONE_WRITTEN : DONE_FAILED)) {
                LockSupport.unpark(waiter); // the caller frees the slot
            } else {
                release(slot, ticket); // the caller stopped waiting while the write was under way
            }
        }
    }

    /** One reusable place in the ring. */
    private static final class Slot {
        final AtomicLong sequence;
        final AtomicInteger state = new AtomicInteger();
        long ticket; // written before the slot is published
        volatile DiagnosticWriter writer;
        volatile NativeMessage line;
        volatile Thread waiter;

        Slot(long index) {
            sequence = new AtomicLong(index);
        }
    }
}
