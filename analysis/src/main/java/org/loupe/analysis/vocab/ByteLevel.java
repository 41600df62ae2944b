package org.loupe.analysis.vocab;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-level alphabet: every byte is written as one printable character (printable ASCII and
 * Latin-1 stand for themselves, the 68 others move to U+0100 and up, so a space is {@code Ġ} and a newline
 * {@code Ċ}). Hugging Face's {@code ByteLevel} pre-tokenizer and decoder use the same table, which is what
 * makes an exported {@code tokenizer.json} load elsewhere.
 */
public final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The character that stands for a byte. */
    public static char charOf(int unsignedByte) {
        return BYTE_TO_CHAR[unsignedByte];
    }

    /** The byte-level string of some bytes (how Hugging Face writes a token in {@code vocab} and {@code merges}). */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /** The bytes of a byte-level string; throws when a character is not in the alphabet. */
    public static byte[] decode(String byteLevel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(byteLevel.length());
        for (int i = 0; i < byteLevel.length(); i++) {
            char c = byteLevel.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) {
                throw new IllegalArgumentException("not a byte-level character: U+%04X at %d in \"%s\""
                        .formatted((int) c, i, byteLevel));
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** The text of some bytes when they are whole UTF-8, else null (a token may hold part of a character). */
    public static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * How a person should see a token: its text with whitespace made visible ({@code ␣} for a space,
     * {@code ↵} for a newline, {@code ⇥} for a tab), and bytes that are not whole UTF-8 as {@code <0xE2>}.
     */
    public static String display(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int n = b < 0x80 ? 1 : b >= 0xF0 && b < 0xF8 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
            String ch = null;
            if (n > 0 && i + n <= bytes.length) {
                ch = utf8OrNull(java.util.Arrays.copyOfRange(bytes, i, i + n));
            }
            if (ch == null) {
                sb.append("<0x").append(String.format("%02X", b)).append('>');
                i++;
                continue;
            }
            for (int k = 0; k < ch.length(); k++) {
                char c = ch.charAt(k);
                switch (c) {
                    case ' ' -> sb.append('␣');
                    case '\n' -> sb.append('↵');
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append('⇥');
                    default -> {
                        if (Character.isISOControl(c)) {
                            sb.append(String.format("\\u%04X", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            i += n;
        }
        return sb.toString();
    }
}
