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
 */
public final class TokenCounter {
    /** The default encoding name. */
    public static final String DEFAULT = "r50k_base";

    private final String name;
    private final Encoding encoding;

    private TokenCounter(String name, Encoding encoding) {
        this.name = name;
        this.encoding = encoding;
    }

    /**
     * The counter of a named encoding: {@code r50k_base}, {@code p50k_base}, {@code p50k_edit},
     * {@code cl100k_base} or {@code o200k_base}.
     *
     * @throws IllegalArgumentException naming the known encodings when the name is unknown
     */
    public static TokenCounter named(String name) {
        String n = name == null ? DEFAULT : name.trim().toLowerCase(Locale.ROOT);
        EncodingType type = Arrays.stream(EncodingType.values()).filter(t -> t.getName().equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown token encoding '" + name + "'; known: "
                        + Arrays.stream(EncodingType.values()).map(EncodingType::getName).toList()));
        return new TokenCounter(n, Registry.INSTANCE.getEncoding(type));
    }

    public String name() {
        return name;
    }

    /** The number of tokens of the text. */
    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }

    /** JTokkit's registry loads every encoding's ranks lazily; one per JVM is enough. */
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }
}
