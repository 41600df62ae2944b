package org.loupe.engine.measure.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Arrays;
import java.util.Locale;

/**
 * Counts the tokens of a text with a named BPE encoding (JTokkit), so that every count Loupe shows can
 * be given in documents <em>and</em> tokens. {@code r50k_base} (GPT-2-like) is the default, as in
 * datatrove's token counters; {@code cl100k_base} and the others JTokkit ships are selectable.
 *
 * <p>Thread-safe: JTokkit encodings are immutable. Special-token text in documents (e.g. a literal
 * {@code <|endoftext|>}) is counted as ordinary text, never as a special token.
 *
 * <p>Speed: JTokkit splits a text with its encoding's pattern and runs the BPE merges on every piece. Web text
 * repeats its words, so for the 50k encodings (GPT-2's pattern) the pieces are split here with the very
 * pattern and flags JTokkit compiles, and each piece's count is remembered per thread: a text's count is the
 * sum of its pieces' counts (a piece, split again on its own, is the same single piece), and only unseen
 * pieces reach the BPE. Full runs count every document's tokens, so this is on their hot path.
 */
public final class TokenCounter {
    /** The default encoding name. */
    public static final String DEFAULT = "r50k_base";

    /** JTokkit's pattern of the 50k encodings, compiled with its flags (UNICODE_CHARACTER_CLASS). */
    static final java.util.regex.Pattern GPT2_PIECES = java.util.regex.Pattern.compile(
            "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    private static final int MAX_CACHED_PIECE = 64;
    private static final int MAX_CACHE_SIZE = 1 << 17;

    private final String name;
    private final Encoding encoding;
    private final java.util.regex.Pattern pieces;
    private final ThreadLocal<java.util.HashMap<String, Integer>> cache =
            ThreadLocal.withInitial(() -> new java.util.HashMap<>(1 << 12));

    private TokenCounter(String name, Encoding encoding) {
        this.name = name;
        this.encoding = encoding;
        this.pieces = name.startsWith("r50k") || name.startsWith("p50k") ? GPT2_PIECES : null;
    }

    /**
     * The counter of a named encoding: {@code r50k_base}, {@code p50k_base}, {@code p50k_edit},
     * {@code cl100k_base} or {@code o200k_base}.
     *
     * @throws IllegalArgumentException naming the known encodings when the name is unknown
     */
    public static TokenCounter named(String name) {
        String n = name == null ? DEFAULT : name.trim().toLowerCase(Locale.ROOT);
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        EncodingType type = Arrays.stream(EncodingType.values()).filter(t -> t.getName().equals(n)).findFirst().orElseThrow();
        return new TokenCounter(n, Registry.INSTANCE.getEncoding(type));
    }

    /** What is wrong with an encoding name (naming the known ones), or null when {@link #named} knows it. */
    public static String problem(String name) {
        String n = name == null ? DEFAULT : name.trim().toLowerCase(Locale.ROOT);
        if (Arrays.stream(EncodingType.values()).anyMatch(t -> t.getName().equals(n))) {
            return null;
        }
        return "unknown token encoding '" + name + "'; known: "
                + Arrays.stream(EncodingType.values()).map(EncodingType::getName).toList();
    }

    public String name() {
        return name;
    }

    /** The number of tokens of the text. */
    public int count(String text) {
        if (pieces == null) {
            return encoding.countTokensOrdinary(text);
        }
        java.util.HashMap<String, Integer> seen = cache.get();
        if (seen.size() > MAX_CACHE_SIZE) {
            seen.clear();
        }
        java.util.regex.Matcher m = pieces.matcher(text);
        int count = 0;
        while (m.find()) {
            String piece = m.group();
            if (piece.length() > MAX_CACHED_PIECE) {
                count += encoding.countTokensOrdinary(piece);
                continue;
            }
            Integer c = seen.get(piece);
            if (c == null) {
                c = encoding.countTokensOrdinary(piece);
                seen.put(piece, c);
            }
            count += c;
        }
        return count;
    }

    /** The count JTokkit gives for the whole text at once (what {@link #count} must equal). */
    int countUncached(String text) {
        return encoding.countTokensOrdinary(text);
    }

    /** JTokkit's registry loads every encoding's ranks lazily; one per JVM is enough. */
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }
}
