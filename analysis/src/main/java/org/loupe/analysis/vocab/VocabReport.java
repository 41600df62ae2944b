package org.loupe.analysis.vocab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a trained vocabulary says about the data: its longest tokens (in bytes or characters), its rarest
 * (lowest count in the training text; ties go to the later merge), the tokens that look like junk, and
 * for two vocabularies (trained on kept and on removed documents) the tokens only one of them has.
 */
public final class VocabReport {

    /**
     * One token.
     *
     * @param id      its id in the model
     * @param token   as Hugging Face writes it ({@code Ġthe})
     * @param display as a person reads it ({@code ␣the})
     * @param bytes   length in bytes
     * @param chars   length in characters (-1 when not whole UTF-8)
     * @param count   occurrences in the training text
     * @param rank    merge rank (-1 for a byte)
     * @param flags   why it looks like junk
     */
    public record Token(int id, String token, String display, int bytes, int chars, long count, int rank,
                       Set<TokenFlag> flags) { }

    private final BpeModel model;
    private final List<Token> merged;

    public VocabReport(BpeModel model) {
        this.model = model;
        List<Token> tokens = new ArrayList<>();
        for (int id = 256; id < model.size(); id++) {
            tokens.add(token(model, id));
        }
        this.merged = List.copyOf(tokens);
    }

    /** The facts about one token of a model. */
    public static Token token(BpeModel model, int id) {
        String text = model.text(id);
        return new Token(id, model.byteLevel(id), model.display(id), model.byteLength(id), model.charLength(id),
                model.count(id), model.rank(id), TokenFlag.of(text));
    }

    public BpeModel model() {
        return model;
    }

    /** Every token made by a merge, by id. */
    public List<Token> tokens() {
        return merged;
    }

    /** The {@code limit} longest tokens in bytes (ties: more frequent first, then lower id). */
    public List<Token> longestByBytes(int limit) {
        return top(Comparator.comparingInt(Token::bytes).reversed()
                .thenComparing(Comparator.comparingLong(Token::count).reversed()).thenComparingInt(Token::id), limit);
    }

    /** The {@code limit} longest tokens in characters (tokens that are not whole UTF-8 left out). */
    public List<Token> longestByChars(int limit) {
        return merged.stream().filter(t -> t.chars() >= 0)
                .sorted(Comparator.comparingInt(Token::chars).reversed()
                        .thenComparing(Comparator.comparingLong(Token::count).reversed()).thenComparingInt(Token::id))
                .limit(limit).toList();
    }

    /** The {@code limit} rarest tokens: lowest count in the training text, the later merge first on ties. */
    public List<Token> rarest(int limit) {
        return top(Comparator.comparingLong(Token::count).thenComparing(Comparator.comparingInt(Token::rank).reversed()), limit);
    }

    /** Tokens with at least one flag, most frequent first. */
    public List<Token> flagged() {
        return merged.stream().filter(t -> !t.flags().isEmpty())
                .sorted(Comparator.comparingLong(Token::count).reversed().thenComparingInt(Token::id)).toList();
    }

    private List<Token> top(Comparator<Token> order, int limit) {
        return merged.stream().sorted(order).limit(limit).toList();
    }

    /**
     * The report as JSON, for people and scripts: the vocabulary size and pre-tokenizer, then the
     * {@code limit} longest tokens in bytes ({@code longest}) and in characters ({@code longest_by_chars}),
     * the {@code limit} rarest, and the {@code limit} most frequent flagged ones with their flags. Each token
     * has its {@code id}, {@code token} (byte-level, as {@code tokenizer.json} writes it), {@code text} (null
     * when not whole UTF-8), {@code display}, {@code bytes}, {@code chars}, {@code count} and {@code rank};
     * flags are lower-case names ({@code markup}, {@code code}, {@code url}, {@code digits},
     * {@code mixed_scripts}, {@code repeated}).
     */
    public String toJson(int limit) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("vocab_size", model.size());
        root.put("pre_tokenizer", model.preTokenizer().describe());
        write(root.putArray("longest"), longestByBytes(limit), false);
        write(root.putArray("longest_by_chars"), longestByChars(limit), false);
        write(root.putArray("rarest"), rarest(limit), false);
        write(root.putArray("flagged"), flagged().stream().limit(limit).toList(), true);
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(ArrayNode out, List<Token> tokens, boolean flags) {
        for (Token t : tokens) {
            ObjectNode o = out.addObject();
            o.put("id", t.id());
            o.put("token", t.token());
            o.put("text", model.text(t.id()));
            o.put("display", t.display());
            o.put("bytes", t.bytes());
            o.put("chars", t.chars());
            o.put("count", t.count());
            o.put("rank", t.rank());
            if (flags) {
                ArrayNode f = o.putArray("flags");
                t.flags().forEach(flag -> f.add(flag.name().toLowerCase(Locale.ROOT)));
            }
        }
    }

    /**
     * Two vocabularies side by side: the tokens (as byte strings) only one of them has, most frequent first
     * in its own training text.
     *
     * @param onlyLeft  tokens of the left model the right one lacks
     * @param onlyRight tokens of the right model the left one lacks
     * @param shared    tokens both have
     */
    public record Comparison(List<Token> onlyLeft, List<Token> onlyRight, int shared) { }

    /** Compares two models' merged tokens. */
    public static Comparison compare(BpeModel left, BpeModel right) {
        Map<String, Integer> inRight = new HashMap<>();
        for (int id = 256; id < right.size(); id++) {
            inRight.put(right.byteLevel(id), id);
        }
        Map<String, Integer> inLeft = new HashMap<>();
        List<Token> onlyLeft = new ArrayList<>();
        int shared = 0;
        for (int id = 256; id < left.size(); id++) {
            String t = left.byteLevel(id);
            inLeft.put(t, id);
            if (inRight.containsKey(t)) {
                shared++;
            } else {
                onlyLeft.add(token(left, id));
            }
        }
        List<Token> onlyRight = new ArrayList<>();
        for (int id = 256; id < right.size(); id++) {
            if (!inLeft.containsKey(right.byteLevel(id))) {
                onlyRight.add(token(right, id));
            }
        }
        Comparator<Token> byCount = Comparator.comparingLong(Token::count).reversed().thenComparingInt(Token::id);
        onlyLeft.sort(byCount);
        onlyRight.sort(byCount);
        return new Comparison(List.copyOf(onlyLeft), List.copyOf(onlyRight), shared);
    }
}
