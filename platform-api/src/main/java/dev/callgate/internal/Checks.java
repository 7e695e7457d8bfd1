package dev.callgate.internal;

import java.time.Duration;

/** The argument checks every gate builder shares, with messages that say what to do. */
public final class Checks {

    /** The longest callback name, in characters: a diagnostic line must keep its thread id and tail. */
    public static final int MAX_NAME_LENGTH = 128;

    private Checks() {}

    /**
     * {@code name}, stripped.
     *
     * @param kind what is named ("callback", "upcall"), for the message
     * @param fallback the name used when none is given, for the message
     * @throws NullPointerException if null, with the message {@code "name"}
     * @throws IllegalArgumentException if blank or longer than {@value #MAX_NAME_LENGTH} characters
     */
    public static String name(String name, String kind, String fallback) {
        given(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the " + kind + " name must not be blank; omit name(...) to use "
                    + fallback);
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the " + kind + " name is at most "
                    + MAX_NAME_LENGTH + " characters, so that diagnostic lines keep the thread id and what happened;"
                    + " got " + stripped.length() + " starting \"" + stripped.substring(0, 40) + "\"");
        }
        return stripped;
    }

    /**
     * {@code value}, checked: the JDK's convention for a null argument.
     *
     * @param parameter the parameter's name, the exception's whole message
     * @throws NullPointerException if it is null
     */
    public static <V> V given(V value, String parameter) {
        if (value == null) {
            throw new NullPointerException(parameter);
        }
        return value;
    }

    /**
     * {@code timeout} in nanoseconds, saturated: a Duration too long for a {@code long} of
     * nanoseconds (about 292 years) is {@link Long#MAX_VALUE}, too negative is {@link Long#MIN_VALUE}.
     *
     * @throws NullPointerException if {@code timeout} is null, with the message {@code "timeout"}
     */
    public static long timeoutNanos(Duration timeout) {
        given(timeout, "timeout");
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
