package dev.callgate.consumer;

import java.util.Objects;

/** Collects expected-versus-actual checks, prints them, and exits 1 if one failed. */
public final class Checks {

    private boolean failed;

    public void equal(String what, Object expected, Object actual) {
        boolean ok = Objects.equals(expected, actual);
        failed |= !ok;
        System.out.println((ok ? "ok:     " : "FAILED: ") + what + ": " + actual + (ok ? "" : " (expected " + expected + ")"));
    }

    public void exit(String name) {
        System.out.println(name + (failed ? ": FAILED" : ": every check passed"));
        System.exit(failed ? 1 : 0);
    }
}
