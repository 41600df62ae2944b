package org.loupe.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Pairs of adjacent stop words ("of the", "in the") as one extra token ({@code of_the}) at the second
 * word's position: a phrase made of stop words then reads one short posting list instead of the positions
 * of two very common words in most documents. Unlike Lucene's CommonGrams it pairs only two stop words,
 * which keeps the index small (a pair with a rarer word is fast to match anyway).
 *
 * <p>At index time ({@code query == false}) every word is kept and the pair is added before the second
 * word (same position; offsets stay in order). At query time a pair replaces the words it covers, and the
 * remaining words keep their positions, so a phrase of words and pairs lines up with the index:
 * {@code "one of the"} = one@0, of_the@2.
 */
final class StopPairFilter extends TokenFilter {
    static final char JOIN = '_';

    private final CharArraySet stop;
    private final boolean query;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);

    // Index time.
    private final StringBuilder previous = new StringBuilder();
    private int previousStart;
    private boolean previousIsStop;
    private State pendingWord;

    // Query time: the rewritten tokens, replayed.
    private List<Out> out;
    private int next;

    private record Out(String term, int position, int start, int end, State state) { }

    StopPairFilter(TokenStream in, CharArraySet stop, boolean query) {
        super(in);
        this.stop = stop;
        this.query = query;
    }

    @Override
    public boolean incrementToken() throws IOException {
        return query ? nextQueryToken() : nextIndexToken();
    }

    private boolean nextIndexToken() throws IOException {
        if (pendingWord != null) {
            restoreState(pendingWord);
            pendingWord = null;
            posInc.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        boolean isStop = stop.contains(term.buffer(), 0, term.length());
        boolean pair = isStop && previousIsStop && posInc.getPositionIncrement() == 1;
        String word = pair || isStop ? new String(term.buffer(), 0, term.length()) : null;
        int wordStart = offset.startOffset();
        if (pair) {
            // The pair first (at this word's position), then the word itself at the same position.
            pendingWord = captureState();
            String first = previous.toString();
            int end = offset.endOffset();
            term.setEmpty().append(first).append(JOIN).append(word);
            offset.setOffset(previousStart, end);
        }
        previousIsStop = isStop;
        if (isStop) {
            previous.setLength(0);
            previous.append(word);
            previousStart = wordStart;
        }
        return true;
    }

    private boolean nextQueryToken() throws IOException {
        if (out == null) {
            rewrite();
        }
        if (next >= out.size()) {
            return false;
        }
        Out o = out.get(next);
        int before = next == 0 ? -1 : out.get(next - 1).position();
        next++;
        restoreState(o.state());
        term.setEmpty().append(o.term());
        offset.setOffset(o.start(), o.end());
        posInc.setPositionIncrement(o.position() - before);
        return true;
    }

    /** Reads the whole (short) query text and replaces each pair of adjacent stop words by their pair token. */
    private void rewrite() throws IOException {
        List<String> words = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<int[]> offsets = new ArrayList<>();
        List<State> states = new ArrayList<>();
        int position = -1;
        while (input.incrementToken()) {
            position += posInc.getPositionIncrement();
            words.add(new String(term.buffer(), 0, term.length()));
            positions.add(position);
            offsets.add(new int[] {offset.startOffset(), offset.endOffset()});
            states.add(captureState());
        }
        int n = words.size();
        boolean[] covered = new boolean[n];
        List<Out> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean pairsWithNext = i + 1 < n && positions.get(i + 1) == positions.get(i) + 1
                    && stop.contains(words.get(i)) && stop.contains(words.get(i + 1));
            if (pairsWithNext) {
                covered[i] = true;
                covered[i + 1] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            boolean pairsWithPrevious = i > 0 && positions.get(i) == positions.get(i - 1) + 1
                    && stop.contains(words.get(i - 1)) && stop.contains(words.get(i));
            if (pairsWithPrevious) {
                result.add(new Out(words.get(i - 1) + JOIN + words.get(i), positions.get(i), offsets.get(i - 1)[0],
                        offsets.get(i)[1], states.get(i)));
            } else if (!covered[i]) {
                result.add(new Out(words.get(i), positions.get(i), offsets.get(i)[0], offsets.get(i)[1], states.get(i)));
            }
        }
        out = result;
        next = 0;
    }

    @Override
    public void end() throws IOException {
        super.end();
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        previousIsStop = false;
        pendingWord = null;
        out = null;
        next = 0;
    }
}
