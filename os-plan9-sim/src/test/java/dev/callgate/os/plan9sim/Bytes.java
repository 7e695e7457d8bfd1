package dev.callgate.os.plan9sim;

import java.nio.charset.StandardCharsets;

/** Test shorthand for UTF-8 text as bytes and back. */
final class Bytes {

    private Bytes() {
    }

    static byte[] of(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes, long n) {
        return new String(bytes, 0, (int) n, StandardCharsets.UTF_8);
    }
}
