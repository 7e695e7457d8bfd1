package dev.callgate.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many distinct native thread ids one gate has seen, in bounded memory: exact up to
 * {@link #EXACT_LIMIT} ids (a set of about 64 KB at most), then an estimate from a 1,024-register
 * HyperLogLog sketch (4 KB, made only when the set is full) whose typical error is about 3 %. A
 * process that makes a new thread per task on a gate would otherwise grow the set up to
 * {@code pid_max} ids, about 64 bytes each. Called once per thread attachment, never per call.
 */
final class DistinctThreadCount {

    /** Ids counted exactly; beyond this the count is an estimate. */
    static final int EXACT_LIMIT = 1024;

    private static final int REGISTER_BITS = 10;
    private static final int REGISTERS = 1 << REGISTER_BITS;
    /** HyperLogLog's bias correction for 1,024 registers: 0.7213 / (1 + 1.079 / m). */
    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

    private final Set<Long> exact = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    private volatile AtomicIntegerArray sketch;

    void add(long id) {
        Long boxed = id;
        if (!exact.contains(boxed)) {
            if (reserved.incrementAndGet() <= EXACT_LIMIT) {
                if (!exact.add(boxed)) {
                    reserved.decrementAndGet(); // another thread added the same id first
                }
            } else {
                reserved.decrementAndGet(); // keeps the counter from wrapping however many ids come
                record(sketch(), id);
                return;
            }
        }
        AtomicIntegerArray registers = sketch;
        if (registers != null) { // the set filled up meanwhile: the sketch must hold every id
            record(registers, id);
        }
    }

    /** The exact count while it fits, else the estimate (never below what the set holds). */
    long count() {
        AtomicIntegerArray registers = sketch;
        int held = exact.size();
        return registers == null ? held : Math.max(held, estimate(registers));
    }

    /** Ids held exactly: at most {@link #EXACT_LIMIT}. */
    int exactSize() {
        return exact.size();
    }

    private AtomicIntegerArray sketch() {
        AtomicIntegerArray registers = sketch;
        if (registers == null) {
            synchronized (this) { // once per gate, the first time the set is full
                registers = sketch;
                if (registers == null) {
                    registers = new AtomicIntegerArray(REGISTERS);
                    sketch = registers; // published first: an id added to the set from now on is also recorded by its adder
                    for (Long held : exact) {
                        record(registers, held);
                    }
                }
            }
        }
        return registers;
    }

    private static void record(AtomicIntegerArray registers, long id) {
        long hash = mix(id);
        int index = (int) (hash >>> (64 - REGISTER_BITS));
        int rank = Long.numberOfLeadingZeros((hash << REGISTER_BITS) | (1L << (REGISTER_BITS - 1))) + 1;
        int seen;
        while ((seen = registers.get(index)) < rank && !registers.compareAndSet(index, seen, rank)) {
            Thread.onSpinWait();
        }
    }

    private static long estimate(AtomicIntegerArray registers) {
        double sum = 0;
        int zeros = 0;
        for (int i = 0; i < REGISTERS; i++) {
            int rank = registers.get(i);
            sum += 1.0 / (1L << rank);
            if (rank == 0) {
                zeros++;
            }
        }
        double raw = ALPHA * REGISTERS * REGISTERS / sum;
        if (raw <= 2.5 * REGISTERS && zeros > 0) {
            raw = REGISTERS * Math.log((double) REGISTERS / zeros); // linear counting: better for small counts
        }
        return Math.round(raw);
    }

    /** A 64-bit finalizer (SplitMix64's): thread ids are small and sequential, the sketch needs them spread. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
