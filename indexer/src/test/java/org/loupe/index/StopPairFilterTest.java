package org.loupe.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/** Stop-word pairs: added beside the words at index time, replacing them at query time, positions aligned. */
class StopPairFilterTest {

    private static List<String> tokens(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream(IndexSchema.TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            int pos = -1;
            int lastStart = -1;
            while (ts.incrementToken()) {
                pos += inc.getPositionIncrement();
                assertThat(off.startOffset()).isGreaterThanOrEqualTo(lastStart);
                lastStart = off.startOffset();
                out.add(term + "@" + pos + "[" + off.startOffset() + "," + off.endOffset() + "]");
            }
            ts.end();
        }
        return out;
    }

    @Test
    void theIndexKeepsEveryWordAndAddsEachPairOfAdjacentStopWordsAtTheSecondWordsPosition() throws IOException {
        assertThat(tokens(IndexSchema.analyzer(), "One of the best, it is a test"))
                .containsExactly("one@0[0,3]", "of@1[4,6]", "of_the@2[4,10]", "the@2[7,10]", "best@3[11,15]",
                        "it@4[17,19]", "it_is@5[17,22]", "is@5[20,22]", "is_a@6[20,24]", "a@6[23,24]", "test@7[25,29]");
    }

    @Test
    void aQueryReplacesTheWordsAPairCoversAndKeepsTheOthersInPlace() throws IOException {
        Analyzer q = IndexSchema.queryAnalyzer();
        assertThat(tokens(q, "of the")).containsExactly("of_the@1[0,6]");
        assertThat(tokens(q, "best of the year")).containsExactly("best@0[0,4]", "of_the@2[5,11]", "year@3[12,16]");
        assertThat(tokens(q, "it is a")).containsExactly("it_is@1[0,5]", "is_a@2[3,7]");
        assertThat(tokens(q, "the")).containsExactly("the@0[0,3]");
        assertThat(tokens(q, "united states")).containsExactly("united@0[0,6]", "states@1[7,13]");
    }
}
