package org.loupe.engine.measure.text;

import java.util.List;

/**
 * A Java port of the English word and sentence segmentation that datatrove uses for every English
 * quality filter: spaCy 3.6.1's rule-based tokenizer ({@code spacy.blank("en")}) plus its
 * {@code sentencizer} pipe. It reproduces spaCy's output token for token (checked against spaCy's own
 * output on the golden fixtures), because the filters' thresholds count those tokens.
 *
 * <p>Which call gives which datatrove value:
 * <ul>
 *   <li>{@link #words(String)} = {@code split_into_words(text, "eng")}: Gopher quality and
 *       repetition, FineWeb's {@code list_ratio}, the unigram log-prob filter;</li>
 *   <li>{@link #splitIntoSentences(String)} = {@code split_into_sentences(text, "eng")}: the C4 filter's
 *       sentence count (one call per kept line);</li>
 *   <li>{@link #sentTokenize(String)} and {@link #sentenceSpans(String)} = the word tokenizer's
 *       {@code sent_tokenize} / {@code span_tokenize}: sentence deduplication;</li>
 *   <li>{@link #analyze(String)} = all of the above from one tokenization.</li>
 * </ul>
 *
 * <p>How spaCy tokenizes (and so this class): the text is cut into maximal runs of whitespace and of
 * non-whitespace ({@code str.isspace()}); a single U+0020 after a word is absorbed as that word's
 * trailing space, any other whitespace run becomes a whitespace token. Each non-whitespace chunk is
 * split by {@link ChunkSplitter} (special cases, prefix/suffix peeling, URL, infixes); then
 * {@link SpecialPhrases} re-merges special cases that span several tokens; the {@link Sentencizer}
 * marks sentence starts.
 *
 * <p>Speed: one pass over the characters finds the chunks, computing each chunk's hash and whether it
 * is made only of letters or only of digits on the way. Such a chunk (most words) can only be split
 * by the special-case table (it was proved on the rules that no affix rule applies), so it costs one
 * hash lookup. Any other chunk goes through a cache, as in spaCy: a lock-free, fixed-size,
 * direct-mapped table of immutable entries shared by all threads (a lost race only costs a
 * recomputation), so the rules run once per new word form, not once per word.
 *
 * <p>Thread-safe. Building one compiles the rules (a few hundred milliseconds): use {@link #shared()}.
 */
public final class EnglishTokenizer {
    private static final int CACHE_BITS = 16;
    private static final int CACHE_MASK = (1 << CACHE_BITS) - 1;
    /** Longer chunks (long URLs, base64, runs of symbols) are rare and rarely repeat: not worth a slot. */
    private static final int MAX_CACHED_CHUNK = 48;

    private static final class Holder {
        static final EnglishTokenizer INSTANCE = new EnglishTokenizer(SpacyEnglishRules.load());
    }

    /** An immutable cache entry: a chunk and its token ends. */
    private static final class Entry {
        final String chunk;
        final int[] ends;
        final int hash;

        Entry(String chunk, int[] ends, int hash) {
            this.chunk = chunk;
            this.ends = ends;
            this.hash = hash;
        }
    }

    private final ChunkSplitter splitter;
    private final SpecialPhrases phrases;
    private final Sentencizer sentencizer;
    private final String spacyVersion;
    private final Entry[] cache = new Entry[1 << CACHE_BITS];

    EnglishTokenizer(SpacyEnglishRules rules) {
        this.splitter = new ChunkSplitter(rules);
        this.phrases = new SpecialPhrases(splitter);
        this.sentencizer = new Sentencizer(rules.sentencizerPunctChars());
        this.spacyVersion = rules.spacyVersion();
    }

    /** The process-wide instance, built on first use from the bundled spaCy rules. */
    public static EnglishTokenizer shared() {
        return Holder.INSTANCE;
    }

    /** A new instance with its own (empty) chunk cache; mostly for tests and measurements. */
    public static EnglishTokenizer create() {
        return new EnglishTokenizer(SpacyEnglishRules.load());
    }

    /** The spaCy version whose rules this tokenizer reproduces ("3.6.1"). */
    public String spacyVersion() {
        return spacyVersion;
    }

    /** Tokenizes {@code text} once; words and sentences are then read from the result. */
    public TokenizedText analyze(String text) {
        return new TokenizedText(text, tokenBuffer(text), sentencizer);
    }

    /** spaCy's tokens of {@code text}, whitespace tokens included. */
    public List<Token> tokenize(String text) {
        return analyze(text).tokens();
    }

    /** datatrove's {@code split_into_words(text)} for English; see {@link TokenizedText#words()}. */
    public List<String> words(String text) {
        return analyze(text).words();
    }

    /** datatrove's {@code span_tokenize(text)} for English; see {@link TokenizedText#sentenceSpans()}. */
    public List<TextSpan> sentenceSpans(String text) {
        return analyze(text).sentenceSpans();
    }

    /** datatrove's {@code sent_tokenize(text)} for English; see {@link TokenizedText#sentences()}. */
    public List<String> sentTokenize(String text) {
        return analyze(text).sentences();
    }

    /** datatrove's {@code split_into_sentences(text)} for English; see {@link TokenizedText#sentencePieces()}. */
    public List<String> splitIntoSentences(String text) {
        return analyze(text).sentencePieces();
    }

    // ------------------------------------------------------------------------------------------

    private TokenBuffer tokenBuffer(String text) {
        int n = text.length();
        TokenBuffer buf = new TokenBuffer(n / 4 + 8);
        if (n == 0) {
            return buf;
        }
        byte[] charClass = splitter.charClass();
        char c0 = text.charAt(0);
        boolean inWs = (charClass[c0] & ChunkSplitter.SPACE) != 0;
        int start = 0;
        int hash = c0;
        int plain = charClass[c0];
        for (int i = 1; i < n; i++) {
            char c = text.charAt(i);
            int cls = charClass[c];
            boolean ws = (cls & ChunkSplitter.SPACE) != 0; // every Python whitespace character is in the BMP
            if (ws != inWs) {
                if (start < i) { // not when the run was a single space, already absorbed
                    addChunk(text, start, i, inWs, hash, plain, buf);
                }
                if (c == ' ') {
                    // One plain space after a word belongs to the word; the rest of the run is a token.
                    buf.markSpaceAfterLast();
                    start = i + 1;
                    hash = 0;
                } else {
                    start = i;
                    hash = c;
                    plain = cls;
                }
                inWs = ws;
            } else {
                hash = 31 * hash + c;
                plain &= cls;
            }
        }
        if (start < n) {
            addChunk(text, start, n, inWs, hash, plain, buf);
        }
        phrases.apply(text, buf);
        return buf;
    }

    /**
     * Appends the tokens of {@code text[start, end)}; {@code hash} is {@link String#hashCode()} of that
     * chunk and {@code plain} the AND of its characters' {@link ChunkSplitter#charClass()} bits.
     */
    private void addChunk(String text, int start, int end, boolean whitespace, int hash, int plain, TokenBuffer buf) {
        if (whitespace) {
            // A whitespace run is always exactly one token (ChunkSplitter checks the rules allow it).
            buf.add(start, end, TokenBuffer.WHITESPACE, hash);
            return;
        }
        int len = end - start;
        int[] ends;
        if ((plain & (ChunkSplitter.PLAIN_LETTER | ChunkSplitter.PLAIN_DIGIT)) != 0) {
            // Only letters (or only digits): no rule applies, so one token unless it is a special case.
            ends = splitter.special(text, start, end, hash);
            if (ends == null) {
                buf.add(start, end, (byte) 0, hash);
                return;
            }
        } else if (len <= MAX_CACHED_CHUNK) {
            int slot = RangeKeyedMap.spread(hash) & CACHE_MASK;
            Entry e = cache[slot];
            if (e != null && e.hash == hash && e.chunk.length() == len && e.chunk.regionMatches(0, text, start, len)) {
                ends = e.ends;
            } else {
                String chunk = text.substring(start, end);
                ends = splitter.split(chunk, true);
                cache[slot] = new Entry(chunk, ends, hash);
            }
        } else {
            ends = splitter.split(text.substring(start, end), true);
        }
        if (ends.length == 1) {
            buf.add(start, end, (byte) 0, hash);
            return;
        }
        int prev = start;
        for (int e : ends) {
            buf.add(prev, start + e, (byte) 0, RangeKeyedMap.hash(text, prev, start + e));
            prev = start + e;
        }
    }

    /** The number of special-case phrase patterns (for tests). */
    int phrasePatternCount() {
        return phrases.patternCount();
    }

    ChunkSplitter splitter() {
        return splitter;
    }
}
