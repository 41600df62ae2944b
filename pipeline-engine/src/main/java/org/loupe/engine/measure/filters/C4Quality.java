package org.loupe.engine.measure.filters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.loupe.engine.measure.text.PyText;

/**
 * datatrove's {@code C4QualityFilter} (spec {@code filters.md} §5), split into a measure and a decision.
 * Unlike the other filters it also rewrites the text: a kept document becomes its kept lines, each
 * stripped and citation-free, joined with LF and stripped.
 *
 * <p><b>Measure/decision split.</b> The line loop (§5 steps 1–11) is measured once with the two
 * document-level checks (lorem ipsum, curly bracket) switched OFF, recording instead the index of the
 * first line that reaches each check and would trigger it. That is enough to give the reference's answer
 * for every value of {@code filter_lorem_ipsum}, {@code filter_curly_bracket} and {@code min_num_sentences}:
 * <ul>
 *   <li>with a check on, the reference stops at the first triggering line — lorem ipsum is tested before
 *       the curly bracket on the same line, and a line removed as {@code javascript} never reaches the curly
 *       test but did reach the lorem test;</li>
 *   <li>with both off, or with neither triggered, the loop runs to the end exactly as measured, so the
 *       measured sentence count and rewritten text are the reference's.</li>
 * </ul>
 * Every other parameter changes which lines reach which check, hence the measure.
 *
 * <p><b>Sentence counting.</b> Step 10 counts spaCy sentences of each kept (stripped, citation-free) line,
 * {@code len(split_into_sentences(line))} (§1.5), which needs the English tokenizer; it is passed in as a
 * {@link SentenceSplitter} so this class depends on no concrete tokenizer. With
 * {@code split_paragraph=False} the units themselves are {@code split_into_sentences(text)} pieces, as the
 * spec states (older datatrove used {@code sent_tokenize}, which drops whitespace-only sentences).
 *
 * <p>C4 never divides; NaN only marks "no such line" in the two line-index metrics.
 */
public final class C4Quality {
    private C4Quality() {
    }

    /**
     * Metric names (the golden file has no C4 metrics, only the decision and the rewritten text; these are
     * Loupe's). {@code lorem_ipsum_line} and {@code curly_bracket_line} are the extra metrics that make the
     * two document-level checks decidable after measuring.
     */
    public static final List<String> METRICS = List.of("num_sentences", "n_lines", "n_lines_kept", "lorem_ipsum_line",
            "curly_bracket_line");

    /**
     * Sentences counted over the kept lines with the lorem-ipsum and curly-bracket checks off (step 10; with
     * {@code split_paragraph=False} each kept sentence counts 1). Counted whatever {@code min_num_sentences}
     * is: the reference skips counting at -1, where no count is below the minimum anyway.
     */
    public static final int NUM_SENTENCES = 0;
    /** Number of lines (units) the loop visits. */
    public static final int N_LINES = 1;
    /** Lines kept when the document is kept (the lines of {@code text_after}, before the final strip). */
    public static final int N_LINES_KEPT = 2;
    /**
     * 0-based index (in {@code text.splitlines()}, or in the sentence pieces when
     * {@code split_paragraph=False}) of the first line that passes steps 2–5 and contains "lorem ipsum" in
     * its lower case; NaN if there is none.
     */
    public static final int LOREM_IPSUM_LINE = 3;
    /**
     * Index of the first line that passes steps 2–5, is not removed as {@code javascript} (step 7) and
     * contains "{"; NaN if there is none.
     */
    public static final int CURLY_BRACKET_LINE = 4;

    /** C4's {@code POLICY_SUBSTRINGS}, searched in the lower-cased line. */
    public static final List<String> POLICY_SUBSTRINGS = List.of("terms of use", "privacy policy", "cookie policy",
            "uses cookies", "use of cookies", "use cookies");

    /**
     * The spaCy sentence splitter, {@code split_into_sentences} of §1.5: the text cut after the end of
     * every sentence but the last, at least one piece even for a text without tokens.
     */
    @FunctionalInterface
    public interface SentenceSplitter {
        /** The pieces; concatenated they give back {@code text}. */
        List<String> splitIntoSentences(String text);

        /** {@code len(split_into_sentences(text))}; override when the count is cheaper than the pieces. */
        default int countSentences(String text) {
            return splitIntoSentences(text).size();
        }
    }

    /** What the loop did with one line. */
    public enum LineVerdict {
        /** Kept (it is a line of {@code text_after}). */
        KEPT,
        /** Removed: a whitespace-separated word longer than {@code max_word_length} (stat {@code line-filter-too_long_word}). */
        TOO_LONG_WORD,
        /** Removed: no terminal punctuation, or ends with "..." (stat {@code line-filter-no_terminal_punc}). */
        NO_TERMINAL_PUNCT,
        /** Removed: fewer than {@code min_words_per_line} words (stat {@code line-filter-too_few_words}). */
        TOO_FEW_WORDS,
        /** Removed: mentions "javascript" (stat {@code line-filter-javascript}). */
        JAVASCRIPT,
        /** Removed: contains a policy phrase (stat {@code line-filter-policy}). */
        POLICY,
        /** The line where the document is dropped as {@code lorem_ipsum}. */
        LOREM_IPSUM,
        /** The line where the document is dropped as {@code curly_bracket}. */
        CURLY_BRACKET,
        /** After a line that dropped the document: the reference never looks at it. */
        NOT_REACHED
    }

    /**
     * The constructor parameters of {@code C4QualityFilter} (snake_case names in the descriptions;
     * {@code exclusion_writer} is pipeline wiring). "Disabled" is -1 for the three integers, as in the
     * reference.
     *
     * @param splitParagraph        {@code split_paragraph} (true) — MEASURE: lines are {@code splitlines()};
     *                              false: spaCy sentence pieces, each counting one sentence, joined with a space
     * @param removeCitations       {@code remove_citations} (true) — MEASURE
     * @param filterNoTerminalPunct {@code filter_no_terminal_punct} (true; FineWeb uses false) — MEASURE
     * @param minNumSentences       {@code min_num_sentences} (5; -1 disables) — decision
     * @param minWordsPerLine       {@code min_words_per_line} (3; -1 disables) — MEASURE
     * @param maxWordLength         {@code max_word_length} (1000; -1 disables) — MEASURE
     * @param filterLoremIpsum      {@code filter_lorem_ipsum} (true) — decision
     * @param filterJavascript      {@code filter_javascript} (true) — MEASURE
     * @param filterCurlyBracket    {@code filter_curly_bracket} (true) — decision
     * @param filterPolicy          {@code filter_policy} (true) — MEASURE
     * @param language              {@code language} ("eng") — MEASURE: selects the sentence splitter the
     *                              caller passes to {@link #measure}; not read here
     */
    public record Params(boolean splitParagraph, boolean removeCitations, boolean filterNoTerminalPunct,
                         int minNumSentences, int minWordsPerLine, int maxWordLength, boolean filterLoremIpsum,
                         boolean filterJavascript, boolean filterCurlyBracket, boolean filterPolicy,
                         String language) {
        /** The reference defaults. */
        public static final Params DEFAULTS = new Params(true, true, true, 5, 3, 1000, true, true, true, true, "eng");
        /** As configured in the FineWeb recipe: {@code C4QualityFilter(filter_no_terminal_punct=False)}. */
        public static final Params FINEWEB = DEFAULTS.withFilterNoTerminalPunct(false);

        /** A copy with another {@code filter_no_terminal_punct}. */
        public Params withFilterNoTerminalPunct(boolean on) {
            return new Params(splitParagraph, removeCitations, on, minNumSentences, minWordsPerLine, maxWordLength,
                    filterLoremIpsum, filterJavascript, filterCurlyBracket, filterPolicy, language);
        }

        /** A copy with other document-level decision switches. */
        public Params withDocumentChecks(boolean loremIpsum, boolean curlyBracket, int minSentences) {
            return new Params(splitParagraph, removeCitations, filterNoTerminalPunct, minSentences, minWordsPerLine,
                    maxWordLength, loremIpsum, filterJavascript, curlyBracket, filterPolicy, language);
        }
    }

    /** The line-level outcome of a measure: the rewritten text and what happened to every line. */
    public static final class Lines {
        private final String textAfter;
        private final LineVerdict[] verdicts;
        private final int[] starts;
        private final int[] ends;
        private final int firstLorem;
        private final int firstCurly;

        Lines(String textAfter, LineVerdict[] verdicts, int[] starts, int[] ends, int firstLorem, int firstCurly) {
            this.textAfter = textAfter;
            this.verdicts = verdicts;
            this.starts = starts;
            this.ends = ends;
            this.firstLorem = firstLorem;
            this.firstCurly = firstCurly;
        }

        /** The text as the reference rewrites it when it keeps the document (meaningless if it is dropped). */
        public String textAfter() {
            return textAfter;
        }

        /** Number of lines (units) the loop visited. */
        public int size() {
            return verdicts.length;
        }

        /** Start (UTF-16 index into the original text) of line {@code i}, before stripping. */
        public int start(int i) {
            return starts[i];
        }

        /** End (exclusive UTF-16 index) of line {@code i}, without its line break. */
        public int end(int i) {
            return ends[i];
        }

        /**
         * The verdict of every line under the document-level switches of {@code decision}: the measured
         * verdicts, with the line that drops the document marked {@link LineVerdict#LOREM_IPSUM} or
         * {@link LineVerdict#CURLY_BRACKET} and the lines after it {@link LineVerdict#NOT_REACHED}.
         */
        public List<LineVerdict> verdicts(Params decision) {
            LineVerdict[] v = verdicts.clone();
            int at = -1;
            LineVerdict why = null;
            if (decision.filterLoremIpsum() && firstLorem >= 0
                    && !(decision.filterCurlyBracket() && firstCurly >= 0 && firstCurly < firstLorem)) {
                at = firstLorem;
                why = LineVerdict.LOREM_IPSUM;
            } else if (decision.filterCurlyBracket() && firstCurly >= 0) {
                at = firstCurly;
                why = LineVerdict.CURLY_BRACKET;
            }
            if (at >= 0) {
                v[at] = why;
                Arrays.fill(v, at + 1, v.length, LineVerdict.NOT_REACHED);
            }
            return Collections.unmodifiableList(Arrays.asList(v));
        }
    }

    /**
     * Measures one document and rewrites it.
     *
     * @param text      the document text
     * @param sentences spaCy's {@code split_into_sentences} for this language (§1.5)
     * @param p         the measure parameters (decision parameters are ignored)
     * @param out       receives {@link #METRICS}{@code .size()} values
     * @return the rewritten text and the per-line verdicts
     */
    public static Lines measure(String text, SentenceSplitter sentences, Params p, double[] out) {
        LineLoop loop = new LineLoop(sentences, p);
        if (p.splitParagraph()) {
            int len = text.length();
            for (int start = 0; start < len; ) {
                int end = start;
                while (end < len && !PyText.isLineBreak(text.charAt(end))) {
                    end++;
                }
                loop.line(text, start, end, start);
                start = end + (end + 1 < len && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n' ? 2 : 1);
            }
        } else {
            int offset = 0;
            for (String piece : sentences.splitIntoSentences(text)) {
                loop.line(piece, 0, piece.length(), offset);
                offset += piece.length();
            }
        }
        out[NUM_SENTENCES] = loop.sentences;
        out[N_LINES] = loop.verdicts.size();
        out[N_LINES_KEPT] = loop.keptLines;
        out[LOREM_IPSUM_LINE] = loop.firstLorem < 0 ? Double.NaN : loop.firstLorem;
        out[CURLY_BRACKET_LINE] = loop.firstCurly < 0 ? Double.NaN : loop.firstCurly;
        return loop.result();
    }


    /** The state of the reference's line loop over one document. */
    private static final class LineLoop {
        private final SentenceSplitter splitter;
        private final Params p;
        private final List<LineVerdict> verdicts = new ArrayList<>();
        private int[] starts = new int[16];
        private int[] ends = new int[16];
        private final StringBuilder kept = new StringBuilder();
        private final StringBuilder scratch = new StringBuilder();
        int sentences;
        int firstLorem = -1;
        int firstCurly = -1;
        int keptLines;

        LineLoop(SentenceSplitter splitter, Params p) {
            this.splitter = splitter;
            this.p = p;
        }

        /** One line {@code src[from:to]} (not yet stripped) that starts at {@code offset} in the document. */
        void line(String src, int from, int to, int offset) {
            int index = verdicts.size();
            if (index == starts.length) {
                starts = Arrays.copyOf(starts, index * 2);
                ends = Arrays.copyOf(ends, index * 2);
            }
            starts[index] = offset;
            ends[index] = offset + (to - from);
            verdicts.add(verdict(src, from, to, index));
        }

        private LineVerdict verdict(String src, int from, int to, int index) {
            // 1. line = line.strip(); words = line.split()
            int a = PyStrings.stripStart(src, from, to);
            int b = PyStrings.stripEnd(src, a, to);
            int words = 0;
            boolean tooLong = false;
            int max = p.maxWordLength();
            for (int i = a; i < b; ) {
                while (i < b && PyText.isSpace(src.charAt(i))) {
                    i++;
                }
                if (i == b) {
                    break;
                }
                int w = i;
                while (i < b && !PyText.isSpace(src.charAt(i))) {
                    i++;
                }
                words++;
                // 2. any(len(word) > max_word_length for word in words), unless max_word_length == -1
                if (max != -1 && !tooLong && i - w > max && Character.codePointCount(src, w, i) > max) {
                    tooLong = true;
                }
            }
            if (tooLong) {
                return LineVerdict.TOO_LONG_WORD;
            }
            // 3. CITATION_REGEX.sub("", line)
            String line = src;
            int s = a;
            int e = b;
            if (p.removeCitations()) {
                String cleaned = removeCitations(src, a, b);
                if (cleaned != null) {
                    line = cleaned;
                    s = 0;
                    e = cleaned.length();
                }
            }
            // 4. not line.endswith(END_PUNCTUATION) or line.endswith("...")
            if (p.filterNoTerminalPunct()) {
                char last = e > s ? line.charAt(e - 1) : 0;
                boolean terminal = last == '.' || last == '?' || last == '!' || last == '"' || last == '\'';
                if (!terminal || PyStrings.endsWith(line, s, e, "...")) {
                    return LineVerdict.NO_TERMINAL_PUNCT;
                }
            }
            // 5. len(words) < min_words_per_line (the words of step 1)
            if (words < p.minWordsPerLine()) {
                return LineVerdict.TOO_FEW_WORDS;
            }
            // 6-9 on line.lower(), in one pass for all needles.
            int found = lowerNeedles(line, s, e);
            if (firstLorem < 0 && (found & LOREM) != 0) {
                firstLorem = index;
            }
            if (p.filterJavascript() && (found & JAVASCRIPT) != 0) {
                return LineVerdict.JAVASCRIPT;
            }
            if (firstCurly < 0) {
                int brace = line.indexOf('{', s);
                if (brace >= 0 && brace < e) {
                    firstCurly = index;
                }
            }
            if (p.filterPolicy() && (found & POLICY) != 0) {
                return LineVerdict.POLICY;
            }
            // 10-11
            String keptLine = line.substring(s, e);
            sentences += p.splitParagraph() ? splitter.countSentences(keptLine) : 1;
            if (keptLines > 0) {
                kept.append(p.splitParagraph() ? '\n' : ' ');
            }
            kept.append(keptLine);
            keptLines++;
            return LineVerdict.KEPT;
        }

        private static final int LOREM = 1;
        private static final int JAVASCRIPT = 2;
        private static final int POLICY = 4;

        /**
         * Which of "lorem ipsum", "javascript" and the policy phrases occur in {@code line[from:to].lower()}
         * (bits {@link #LOREM}, {@link #JAVASCRIPT}, {@link #POLICY}), in one scan without building the
         * lower-cased string (see {@link PyStrings#lowerForAsciiNeedle}).
         */
        private static int lowerNeedles(String line, int from, int to) {
            int found = 0;
            for (int i = from; i < to; i++) {
                switch (PyStrings.lowerForAsciiNeedle(line.charAt(i))) {
                    case 'l' -> {
                        if (PyStrings.lowerRegionMatches(line, i, to, "lorem ipsum")) {
                            found |= LOREM;
                        }
                    }
                    case 'j' -> {
                        if (PyStrings.lowerRegionMatches(line, i, to, "javascript")) {
                            found |= JAVASCRIPT;
                        }
                    }
                    case 't', 'p', 'c', 'u' -> {
                        if ((found & POLICY) == 0) {
                            for (String phrase : POLICY_SUBSTRINGS) {
                                if (PyStrings.lowerRegionMatches(line, i, to, phrase)) {
                                    found |= POLICY;
                                    break;
                                }
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            return found;
        }

        /**
         * {@code re.sub(r"\[\d*]|\[edit]|\[citation needed]", "", src[from:to])}, or {@code null} when
         * nothing matches. {@code \d} is Unicode's Nd, as in Python.
         */
        private String removeCitations(String src, int from, int to) {
            int at = src.indexOf('[', from);
            if (at < 0 || at >= to) {
                return null;
            }
            scratch.setLength(0);
            int copied = from;
            boolean any = false;
            for (int i = at; i < to; ) {
                if (src.charAt(i) != '[') {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < to) {
                    int cp = src.codePointAt(j);
                    if (!PyStrings.isDecimal(cp)) {
                        break;
                    }
                    j += Character.charCount(cp);
                }
                int end = -1;
                if (j < to && src.charAt(j) == ']') {
                    end = j + 1;
                } else if (PyStrings.startsWith(src, i, to, "[edit]")) {
                    end = i + 6;
                } else if (PyStrings.startsWith(src, i, to, "[citation needed]")) {
                    end = i + 17;
                }
                if (end < 0) {
                    i++;
                    continue;
                }
                scratch.append(src, copied, i);
                copied = end;
                i = end;
                any = true;
            }
            if (!any) {
                return null;
            }
            scratch.append(src, copied, to);
            return scratch.toString();
        }

        Lines result() {
            int n = verdicts.size();
            // "\n".join(kept_lines).strip()
            String joined = kept.toString();
            int a = PyStrings.stripStart(joined, 0, joined.length());
            int b = PyStrings.stripEnd(joined, a, joined.length());
            String textAfter = (a == 0 && b == joined.length()) ? joined : joined.substring(a, b);
            return new Lines(textAfter, verdicts.toArray(new LineVerdict[0]), Arrays.copyOf(starts, n),
                    Arrays.copyOf(ends, n), firstLorem, firstCurly);
        }
    }
}
