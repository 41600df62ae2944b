package org.loupe.analysis.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A trained byte-level BPE tokenizer: ids 0–255 are the bytes, every later id is made by a merge of two
 * earlier tokens (its rank is the order in which the trainer chose it), plus what the training saw of each
 * token. Encodes text exactly as Hugging Face's {@code tokenizers} encodes the {@link #toHuggingFaceJson()
 * exported file} (lowest-ranked adjacent pair first, left to right).
 */
public final class BpeModel {

    /** One merge: {@code left} + {@code right} → {@code result}, seen {@code count} times when chosen. */
    public record Merge(int left, int right, int result, long count) { }

    private final PreTokenizer preTokenizer;
    private final List<byte[]> tokens;
    private final List<Merge> merges;
    private final long[] tokenCounts;
    private final int[] rankOf;
    private final LongIntMap rankByPair;

    /**
     * @param preTokenizer how text is split before merging
     * @param tokens       the bytes of every token, by id (the first 256 are the single bytes)
     * @param merges       the merges, by rank
     * @param tokenCounts  how often each token occurs in the training text as the model encodes it (may be empty)
     */
    public BpeModel(PreTokenizer preTokenizer, List<byte[]> tokens, List<Merge> merges, long[] tokenCounts) {
        if (tokens.size() < 256) {
            throw new IllegalArgumentException("a byte-level vocabulary starts with the 256 bytes");
        }
        this.preTokenizer = preTokenizer;
        this.tokens = List.copyOf(tokens);
        this.merges = List.copyOf(merges);
        this.tokenCounts = tokenCounts.length == tokens.size() ? tokenCounts.clone() : new long[tokens.size()];
        this.rankOf = new int[tokens.size()];
        Arrays.fill(rankOf, -1);
        this.rankByPair = new LongIntMap(merges.size() + 16);
        for (int r = 0; r < merges.size(); r++) {
            Merge m = merges.get(r);
            rankByPair.putIfAbsent(LongIntMap.key(m.left(), m.right()), r);
            if (rankOf[m.result()] < 0) {
                rankOf[m.result()] = r;
            }
        }
    }

    public PreTokenizer preTokenizer() {
        return preTokenizer;
    }

    /** Vocabulary size (bytes + merged tokens). */
    public int size() {
        return tokens.size();
    }

    public List<Merge> merges() {
        return merges;
    }

    /** The bytes of a token. */
    public byte[] bytes(int id) {
        return tokens.get(id).clone();
    }

    /** The length of a token in bytes. */
    public int byteLength(int id) {
        return tokens.get(id).length;
    }

    /** The token as Hugging Face writes it ({@code Ġthe}). */
    public String byteLevel(int id) {
        return ByteLevel.encode(tokens.get(id));
    }

    /** The token as a person reads it ({@code ␣the}; partial characters as {@code <0xE2>}). */
    public String display(int id) {
        return ByteLevel.display(tokens.get(id));
    }

    /** The token's text when it is whole UTF-8, else null. */
    public String text(int id) {
        return ByteLevel.utf8OrNull(tokens.get(id));
    }

    /** The token's length in characters (code points) when it is whole UTF-8, else -1. */
    public int charLength(int id) {
        String t = text(id);
        return t == null ? -1 : t.codePointCount(0, t.length());
    }

    /** How often the token occurs in the training text, encoded by this model. */
    public long count(int id) {
        return tokenCounts[id];
    }

    /** The rank of the merge that made the token (0 = first merge), or -1 for a byte. */
    public int rank(int id) {
        return rankOf[id];
    }

    /** The id of a token given as Hugging Face writes it, or -1. */
    public int idOf(String byteLevel) {
        byte[] b;
        try {
            b = ByteLevel.decode(byteLevel);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        for (int id = 0; id < tokens.size(); id++) {
            if (Arrays.equals(tokens.get(id), b)) {
                return id;
            }
        }
        return -1;
    }

    /** Encodes a text into token ids. Thread-safe. */
    public int[] encode(CharSequence text) {
        IntBuffer out = new IntBuffer();
        preTokenizer.split(text, piece -> encodePiece(piece, out));
        return out.toArray();
    }

    /** Encodes one pre-token piece (no further splitting), appending its ids. */
    void encodePiece(String piece, IntBuffer out) {
        byte[] b = piece.getBytes(StandardCharsets.UTF_8);
        int[] s = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            s[i] = b[i] & 0xFF;
        }
        int n = s.length;
        while (n > 1) {
            int best = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < n; i++) {
                int r = rankByPair.get(LongIntMap.key(s[i], s[i + 1]));
                if (r >= 0 && r < best) {
                    best = r;
                }
            }
            if (best == Integer.MAX_VALUE) {
                break;
            }
            Merge m = merges.get(best);
            int w = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n && s[i] == m.left() && s[i + 1] == m.right()) {
                    s[w++] = m.result();
                    i++;
                } else {
                    s[w++] = s[i];
                }
            }
            n = w;
        }
        out.addAll(s, n);
    }

    /** Decodes ids back to text (bytes that are not whole UTF-8 become U+FFFD). */
    public String decode(int[] ids) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int id : ids) {
            out.writeBytes(tokens.get(id));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The tokenizer as a Hugging Face {@code tokenizer.json}: a BPE model over the byte-level alphabet, the
     * pre-tokenizer's expression as a {@code Split} (isolated) followed by {@code ByteLevel} without its own
     * expression, and the byte-level decoder.
     */
    public String toHuggingFaceJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode pres = pre.putArray("pretokenizers");
        ObjectNode split = pres.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", preTokenizer.regex());
        split.put("behavior", "Isolated");
        split.put("invert", false);
        ObjectNode byteLevel = pres.addObject();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", false);
        root.putNull("post_processor");
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", false);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", false);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(byteLevel(id), id);
        }
        ArrayNode mergeList = model.putArray("merges");
        for (Merge m : merges) {
            mergeList.add(byteLevel(m.left()) + " " + byteLevel(m.right()));
        }
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a byte-level BPE {@code tokenizer.json} written by {@link #toHuggingFaceJson()} (or any with the
     * same pre-tokenizer shape); counts are unknown (zero).
     */
    public static BpeModel fromHuggingFaceJson(String text) throws IOException {
        JsonNode root = new ObjectMapper().readTree(text);
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText())) {
            throw new IOException("not a BPE tokenizer: model.type is \"" + model.path("type").asText() + "\"");
        }
        String regex = null;
        for (JsonNode p : root.path("pre_tokenizer").path("pretokenizers")) {
            if ("Split".equals(p.path("type").asText())) {
                regex = p.path("pattern").path("Regex").asText(null);
            }
        }
        PreTokenizer pre = matching(regex);
        Map<Integer, byte[]> byId = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            byId.put(e.getValue().asInt(), ByteLevel.decode(e.getKey()));
        }
        List<byte[]> tokens = new ArrayList<>(Collections.nCopies(byId.size(), (byte[]) null));
        for (Map.Entry<Integer, byte[]> e : byId.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= tokens.size()) {
                throw new IOException("token ids are not 0.." + (tokens.size() - 1) + ": " + e.getKey());
            }
            tokens.set(e.getKey(), e.getValue());
        }
        Map<String, Integer> idOf = new HashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            idOf.put(ByteLevel.encode(tokens.get(id)), id);
        }
        List<Merge> merges = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            String left;
            String right;
            if (m.isArray()) {
                left = m.get(0).asText();
                right = m.get(1).asText();
            } else {
                String[] parts = m.asText().split(" ", 2);
                left = parts[0];
                right = parts[1];
            }
            Integer l = idOf.get(left);
            Integer r = idOf.get(right);
            Integer result = idOf.get(left + right);
            if (l == null || r == null || result == null) {
                throw new IOException("merge " + merges.size() + " names a token not in the vocabulary: " + left + " " + right);
            }
            merges.add(new Merge(l, r, result, 0));
        }
        return new BpeModel(pre, tokens, merges, new long[0]);
    }

    private static PreTokenizer matching(String regex) throws IOException {
        for (PreTokenizer.Style style : PreTokenizer.Style.values()) {
            for (boolean digits : new boolean[] {false, true}) {
                for (boolean runs : new boolean[] {true, false}) {
                    PreTokenizer p = new PreTokenizer(style, digits, runs);
                    if (p.regex().equals(regex)) {
                        return p;
                    }
                }
            }
        }
        throw new IOException("unknown pre-tokenizer expression: " + regex);
    }

    /** A growable int array. */
    static final class IntBuffer {
        private int[] data = new int[64];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        void addAll(int[] values, int n) {
            if (size + n > data.length) {
                data = Arrays.copyOf(data, Math.max(size + n, size * 2));
            }
            System.arraycopy(values, 0, data, size, n);
            size += n;
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        int get(int i) {
            return data[i];
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
