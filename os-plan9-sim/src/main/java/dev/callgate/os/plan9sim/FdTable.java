package dev.callgate.os.plan9sim;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A process's descriptor table, as Plan 9's {@code Fgrp}. Looking a descriptor up takes no lock
 * (the write path does it on every call); changing the table takes the table's lock, which stands
 * for the {@code Fgrp}'s lock in the Plan 9 kernel.
 */
final class FdTable {

    /** The simulator's table size; Plan 9 grows its table, the simulator stops here. */
    static final int MAX_FDS = 100;

    private final AtomicReferenceArray<Chan> slots = new AtomicReferenceArray<>(MAX_FDS);

    static boolean inRange(int fd) {
        return fd >= 0 && fd < MAX_FDS;
    }

    /** The channel behind {@code fd}, or null when it is out of range or not open. */
    Chan get(int fd) {
        return inRange(fd) ? slots.get(fd) : null;
    }

    /** Puts {@code chan} at the lowest free descriptor, as Plan 9's {@code newfd}; -1 when full. */
    synchronized int allocate(Chan chan) {
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (slots.get(fd) == null) {
                slots.set(fd, chan);
                return fd;
            }
        }
        return -1;
    }

    /** Puts {@code chan} at {@code fd}, dropping whatever was there ({@code dup(old, new)}). */
    synchronized void install(int fd, Chan chan) {
        slots.set(fd, chan);
    }

    /** Empties {@code fd}; returns what it held, or null when it was not open. */
    synchronized Chan remove(int fd) {
        return inRange(fd) ? slots.getAndSet(fd, null) : null;
    }

    synchronized void clear() {
        for (int fd = 0; fd < MAX_FDS; fd++) {
            slots.set(fd, null);
        }
    }
}
