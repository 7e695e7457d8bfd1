package dev.callgate.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NativeMessageTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The message's bytes as read back from its native memory. */
    private static byte[] nativeBytes(NativeMessage m) {
        return new Pointer(m.address()).getByteArray(0, m.length());
    }

    @Test
    void aNewlineIsAppendedWhenMissing() {
        NativeMessage m = NativeMessage.encode("callgate: hello");

        assertArrayEquals(utf8("callgate: hello\n"), m.sharedBytes());
        assertEquals(16, m.length());
        assertEquals("callgate: hello", m.toString());
    }

    @Test
    void aFinalNewlineIsNotDoubled() {
        assertArrayEquals(utf8("callgate: hello\n"), NativeMessage.encode("callgate: hello\n").sharedBytes());
    }

    @Test
    void innerLineBreaksBecomeSpacesSoTheLineStaysOne() {
        NativeMessage m = NativeMessage.encode("first\nsecond\r\nthird\rfourth\n");

        assertArrayEquals(utf8("first second  third fourth\n"), m.sharedBytes());
    }

    @Test
    void nativeMemoryHoldsTheExactUtf8Bytes() {
        String text = "callgate: caf\u00e9 \u4e2d\u6587 \u2713 \ud83d\ude00 end";
        byte[] expected = utf8(text + "\n");

        NativeMessage m = NativeMessage.encode(text);

        assertArrayEquals(expected, m.sharedBytes());
        assertArrayEquals(expected, nativeBytes(m));
        assertEquals(expected.length, m.length());
        assertEquals(text, m.toString());
    }

    @Test
    void aLineOfExactlyMaxBytesIsKeptWhole() {
        String text = "x".repeat(NativeMessage.MAX_BYTES - 1);

        NativeMessage m = NativeMessage.encode(text);

        assertEquals(NativeMessage.MAX_BYTES, m.length());
        assertEquals(text, m.toString());
    }

    @Test
    void oneByteMoreIsCutWithAnEllipsis() {
        String text = "y".repeat(NativeMessage.MAX_BYTES);

        NativeMessage m = NativeMessage.encode(text);

        assertEquals(NativeMessage.MAX_BYTES, m.length());
        assertEquals("y".repeat(NativeMessage.MAX_BYTES - 4) + "...", m.toString());
        assertArrayEquals(m.sharedBytes(), nativeBytes(m));
    }

    /** Shifts 4-byte characters so that the cut lands on every position inside one of them. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aLongLineIsNeverCutInsideAFourByteCharacter(int asciiPrefix) throws CharacterCodingException {
        assertCutCleanly("a".repeat(asciiPrefix) + "\ud83d\ude00".repeat(300));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aLongLineIsNeverCutInsideAThreeByteCharacter(int asciiPrefix) throws CharacterCodingException {
        assertCutCleanly("b".repeat(asciiPrefix) + "\u20ac".repeat(400));
    }

    @Test
    void aLongLineIsNeverCutInsideATwoByteCharacter() throws CharacterCodingException {
        assertCutCleanly("c" + "\u00e9".repeat(600));
        assertCutCleanly("\u00e9".repeat(600));
    }

    private static void assertCutCleanly(String text) throws CharacterCodingException {
        NativeMessage m = NativeMessage.encode(text);
        byte[] bytes = m.sharedBytes();

        assertTrue(m.length() <= NativeMessage.MAX_BYTES, "length " + m.length());
        assertTrue(m.length() >= NativeMessage.MAX_BYTES - 3, "at most one character of 4 bytes dropped: "
                + m.length());
        assertArrayEquals(utf8("...\n"), Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length));
        String decoded = strictUtf8(bytes);
        String kept = decoded.substring(0, decoded.length() - "...\n".length());
        assertTrue(text.startsWith(kept), "the kept text is a prefix of the original");
        assertArrayEquals(bytes, nativeBytes(m));
    }

    /** Decodes, failing on any malformed sequence (a split character), where new String would hide it. */
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
        return chars.toString();
    }

    @Test
    void emptyTextIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeMessage.encode(""));

        assertEquals("a diagnostic needs text; got an empty string", e.getMessage());
    }

    @Test
    void nullTextIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeMessage.encode(null));

        assertEquals("a diagnostic needs text; got null", e.getMessage());
    }
}
