package dev.callgate.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for something other threads (native ones included) make true. */
public final class Waits {

    private Waits() {}

    /**
     * Polls {@code condition} every few milliseconds until it holds.
     *
     * @param limit how long to wait at most
     * @param condition what must become true
     * @param awaited what the condition means, for the failure message
     * @param state describes the current state, for the failure message
     * @throws AssertionError if it is still false at the limit, naming what was awaited and the state then
     */
    public static void until(Duration limit, BooleanSupplier condition, String awaited, Supplier<String> state) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + limit.toMillis() + " ms for " + awaited + "; still: " + state.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + awaited, e);
            }
        }
    }
}
