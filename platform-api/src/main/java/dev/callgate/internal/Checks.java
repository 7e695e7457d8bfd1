package dev.callgate.internal;

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
     * @throws IllegalArgumentException if blank or longer than {@value #MAX_NAME_LENGTH} characters
     */
    public static String name(String name, String kind, String fallback) {
        if (name == null || name.isBlank()) {
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
     * {@code value}, checked.
     *
     * @throws IllegalArgumentException if it is null, naming {@code what}
     */
    public static <V> V given(V value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
