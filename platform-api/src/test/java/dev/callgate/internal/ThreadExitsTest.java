package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Finishes counted per thread: summed exactly, and ended threads folded away so the list stays small. */
class ThreadExitsTest {

    @Test
    void everyFinishIsSummedAndEndedThreadsLeaveTheList() throws InterruptedException {
        ThreadExits exits = new ThreadExits();
        for (int i = 0; i < 2_000; i++) {
            Thread t = new Thread(() -> {
                CallbackGate.Entry entry = new CallbackGate.Entry(false, 0);
                exits.register(entry);
                for (int j = 0; j < 3; j++) {
                    ThreadExits.finished(entry);
                }
            });
            t.start();
            t.join();
        }
        assertEquals(6_000, exits.sum());
        assertTrue(exits.listed() <= 1, "2000 ended threads folded, " + exits.listed() + " still listed");
    }

    @Test
    void aLiveThreadStaysListedAndItsLaterFinishesCount() throws InterruptedException {
        ThreadExits exits = new ThreadExits();
        CallbackGate.Entry mine = new CallbackGate.Entry(false, 0);
        exits.register(mine);
        Thread other = new Thread(() -> exits.register(new CallbackGate.Entry(false, 0)));
        other.start();
        other.join();
        ThreadExits.finished(mine);
        assertEquals(1, exits.sum());
        assertEquals(2, exits.listed()); // the ended one goes at the next registration
        exits.register(new CallbackGate.Entry(false, 0));
        assertEquals(2, exits.listed());
    }
}
