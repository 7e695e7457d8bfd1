package dev.callgate.internal;

import dev.callgate.spi.NativeMessage;
import java.nio.charset.StandardCharsets;

/**
 * Builds one diagnostic line from fixed text and untrusted parts (callback names, exception
 * classes and messages), so that it is safe to print and keeps what matters when it is too long.
 *
 * <p>Every character that could move the cursor, ring the bell, start a terminal escape or fake a
 * new line (C0 and C1 controls, DEL, U+2028, U+2029, bidirectional overrides) is shown escaped,
 * as {@code \n}, {@code \t} or {@code \x1b}/{@code \u2028}. When the line would pass
 * {@link NativeMessage#MAX_BYTES}, the untrusted parts are shortened (the longest first, ending in
 * {@code "..."}) and the fixed text, which carries the thread id, the exception class and what
 * native code got, is kept whole.
 */
public final class LineText {

    private static final int MAX_LINE = NativeMessage.MAX_BYTES - 1; // the newline
    private static final String CUT = "...";

    private final StringBuilder fixed = new StringBuilder();
    private final String[] parts = new String[8];
    private final int[] partAt = new int[8]; // where each part goes in the fixed text
    private int count;

    /** Appends text callgate wrote itself; kept whole. */
    public LineText text(String s) {
        fixed.append(s);
        return this;
    }

    /** Appends text from outside (a name, an exception message); escaped, and shortened first. */
    public LineText part(Object value) {
        String s;
        try {
            s = String.valueOf(value);
        } catch (Throwable t) { // a toString() that throws still gets a line
            s = "<toString() threw " + t.getClass().getName() + ">";
        }
        parts[count] = escape(s);
        partAt[count] = fixed.length();
        count++;
        return this;
    }

    /** The line, escaped and within {@link NativeMessage#MAX_BYTES} with its newline. */
    @Override
    public String toString() {
        int[] budget = new int[count];
        int fixedBytes = utf8Length(fixed);
        int partBytes = 0;
        for (int i = 0; i < count; i++) {
            budget[i] = utf8Length(parts[i]);
            partBytes += budget[i];
        }
        int over = fixedBytes + partBytes - MAX_LINE;
        while (over > 0) { // take from the longest part, one step at a time
            int longest = 0;
            for (int i = 1; i < count; i++) {
                longest = budget[i] > budget[longest] ? i : longest;
            }
            if (count == 0 || budget[longest] <= CUT.length()) {
                break; // nothing left to shorten: NativeMessage cuts the end
            }
            int take = Math.min(over, budget[longest] - CUT.length());
            budget[longest] -= take;
            over -= take;
        }
        StringBuilder out = new StringBuilder(MAX_LINE);
        int from = 0;
        for (int i = 0; i < count; i++) {
            out.append(fixed, from, partAt[i]);
            from = partAt[i];
            out.append(shorten(parts[i], budget[i]));
        }
        out.append(fixed, from, fixed.length());
        return out.toString();
    }

    /** The line, encoded for the native write. */
    public NativeMessage encode() {
        return NativeMessage.encode(toString());
    }

    /** {@code s} with every control, line-breaking or direction-changing character escaped. */
    public static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped = escapeOf(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return null; // a lone backslash is harmless; kept as it is
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f) {
            return "\\x" + hex(c, 2);
        }
        if ((c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c) {
            return "\\u" + hex(c, 4);
        }
        return null;
    }

    private static String hex(char c, int digits) {
        String h = Integer.toHexString(c);
        return "0".repeat(digits - h.length()) + h;
    }

    /** {@code s} cut to at most {@code bytes} UTF-8 bytes, ending in "..." when cut. */
    private static String shorten(String s, int bytes) {
        if (utf8Length(s) <= bytes) {
            return s;
        }
        int keep = bytes - CUT.length();
        int used = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + size > keep) {
                break;
            }
            used += size;
            end += Character.charCount(cp);
        }
        return s.substring(0, end) + CUT;
    }

    private static int utf8Length(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
