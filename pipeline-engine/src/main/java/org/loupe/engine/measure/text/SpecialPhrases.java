package org.loupe.engine.measure.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * spaCy's final tokenizer pass ({@code Tokenizer._apply_special_cases}): special cases that the affix
 * rules would split anyway ({@code :)}, {@code a.m.}, {@code C++}, {@code it's} ...) are also looked for
 * as token sequences over the whole document, because the chunk-level lookup only sees them when they
 * are a whole chunk or what is left after peeling affixes ({@code "word:)"} becomes {@code word : )}
 * chunk-wise, and this pass merges {@code : )} back into {@code :)}).
 *
 * <p>Exactly as spaCy 3.6.1 does it:
 * <ul>
 *   <li>patterns: every special case whose string has a prefix, an infix or a suffix match, or a
 *       space (spaCy's {@code faster_heuristics}), as the token texts of tokenizing that string
 *       <em>without</em> special cases;</li>
 *   <li>matching ({@code PhraseMatcher} on {@code ORTH}): every (start, end) token range whose texts
 *       equal a pattern, overlapping ones included, whatever the whitespace between the tokens;</li>
 *   <li>filtering ({@code _filter_special_spans}): longest first, then leftmost; a span is kept when
 *       neither its first nor its last token was covered by a span looked at before, and every span
 *       looked at marks its tokens as covered, kept or not;</li>
 *   <li>rewriting ({@code _retokenize_special_spans}): a kept span whose text (with its inner
 *       whitespace) is a special-case key is replaced by that case's pieces, the last piece keeping
 *       the span's trailing space; a kept span whose text is not a key (say {@code ": )"}) is left
 *       as it is, but it still blocked the spans it overlapped.</li>
 * </ul>
 */
final class SpecialPhrases {

    /** A trie node over token texts. */
    static final class Node {
        final RangeKeyedMap<Node> children;
        final boolean terminal;

        Node(RangeKeyedMap<Node> children, boolean terminal) {
            this.children = children;
            this.terminal = terminal;
        }
    }

    private static final class Builder {
        final Map<String, Builder> children = new HashMap<>();
        boolean terminal;

        Node build() {
            Map<String, Node> built = new HashMap<>();
            children.forEach((k, v) -> built.put(k, v.build()));
            return new Node(new RangeKeyedMap<>(built), terminal);
        }
    }

    private final Node root;
    private final int patternCount;
    private final ChunkSplitter splitter;

    SpecialPhrases(ChunkSplitter splitter) {
        this.splitter = splitter;
        Builder rootBuilder = new Builder();
        int count = 0;
        // Sorted like spaCy adds them; the order does not change the result (duplicates are equivalent).
        for (String key : new TreeMap<>(splitter.specialCases()).keySet()) {
            boolean affixed = splitter.prefixLength(key) != 0 || splitter.infixMatches(key).length > 0
                    || splitter.suffixLength(key) != 0 || key.indexOf(' ') >= 0;
            if (!affixed) {
                continue;
            }
            List<String> tokens = splitter.tokenTextsWithoutSpecials(key);
            if (tokens.isEmpty()) {
                continue;
            }
            Builder b = rootBuilder;
            for (String t : tokens) {
                b = b.children.computeIfAbsent(t, k -> new Builder());
            }
            b.terminal = true;
            count++;
        }
        root = rootBuilder.build();
        patternCount = count;
    }

    int patternCount() {
        return patternCount;
    }

    /**
     * Applies the pass to the tokens of {@code text} in {@code buf} (in place). Returns quickly when no
     * token starts a pattern.
     */
    void apply(String text, TokenBuffer buf) {
        int n = buf.size;
        long[] matches = null;
        int m = 0;
        for (int i = 0; i < n; i++) {
            Node node = root.children.get(text, buf.starts[i], buf.ends[i], buf.hashes[i]);
            int j = i + 1;
            while (node != null) {
                if (node.terminal) {
                    if (matches == null) {
                        matches = new long[16];
                    } else if (m == matches.length) {
                        matches = Arrays.copyOf(matches, m * 2);
                    }
                    // Sort key: longest first, then leftmost (spaCy's len_start_cmp, read from the end).
                    matches[m++] = ((long) (Integer.MAX_VALUE - (j - i)) << 32) | i;
                }
                if (j == n) {
                    break;
                }
                node = node.children.get(text, buf.starts[j], buf.ends[j], buf.hashes[j]);
                j++;
            }
        }
        if (m == 0) {
            return;
        }
        Arrays.sort(matches, 0, m);
        boolean[] covered = new boolean[n];
        long[] kept = new long[m];
        int k = 0;
        for (int q = 0; q < m; q++) {
            int start = (int) matches[q];
            int len = Integer.MAX_VALUE - (int) (matches[q] >>> 32);
            int end = start + len;
            if (!covered[start] && !covered[end - 1]) {
                kept[k++] = ((long) start << 32) | end;
            }
            for (int t = start; t < end; t++) {
                covered[t] = true;
            }
        }
        Arrays.sort(kept, 0, k);
        rewrite(text, buf, kept, k);
    }

    private void rewrite(String text, TokenBuffer buf, long[] kept, int k) {
        // Most documents with matches have spans that change nothing ("it" "'s" stays "it" "'s"): check first.
        boolean changes = false;
        int[][] replacement = new int[k][];
        for (int q = 0; q < k; q++) {
            int start = (int) (kept[q] >>> 32);
            int end = (int) kept[q];
            int from = buf.starts[start];
            int to = buf.ends[end - 1];
            int[] pieces = splitter.special(text, from, to);
            if (pieces != null && !sameSplit(buf, start, end, pieces)) {
                replacement[q] = pieces;
                changes = true;
            }
        }
        if (!changes) {
            return;
        }
        TokenBuffer out = new TokenBuffer(buf.size + 8);
        int i = 0;
        for (int q = 0; q < k; q++) {
            int start = (int) (kept[q] >>> 32);
            int end = (int) kept[q];
            if (replacement[q] == null) {
                continue;
            }
            for (; i < start; i++) {
                out.add(buf.starts[i], buf.ends[i], buf.flags[i], buf.hashes[i]);
            }
            int from = buf.starts[start];
            int prev = 0;
            int[] pieces = replacement[q];
            for (int p = 0; p < pieces.length; p++) {
                boolean lastPiece = p == pieces.length - 1;
                byte flags = PyText.isSpace(text.charAt(from + prev)) ? TokenBuffer.WHITESPACE : 0;
                if (lastPiece && (buf.flags[end - 1] & TokenBuffer.SPACE_AFTER) != 0) {
                    flags |= TokenBuffer.SPACE_AFTER;
                }
                out.add(from + prev, from + pieces[p], flags, RangeKeyedMap.hash(text, from + prev, from + pieces[p]));
                prev = pieces[p];
            }
            i = end;
        }
        for (; i < buf.size; i++) {
            out.add(buf.starts[i], buf.ends[i], buf.flags[i], buf.hashes[i]);
        }
        buf.replaceWith(out);
    }

    /** Whether tokens {@code [start, end)} already are exactly the pieces (then rewriting is a no-op). */
    private static boolean sameSplit(TokenBuffer buf, int start, int end, int[] pieces) {
        if (end - start != pieces.length) {
            return false;
        }
        int from = buf.starts[start];
        for (int p = 0; p < pieces.length; p++) {
            if (buf.ends[start + p] != from + pieces[p]) {
                return false;
            }
            // The inner trailing-space flags are all false here: a span with inner spaces is never a key.
        }
        return true;
    }
}
