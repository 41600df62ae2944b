package org.loupe.index;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Collects every matching document as its sample row and score (no top-k: filters and facets need them all). */
final class RowCollector implements Collector {
    private final int[][] docToRow;
    int[] rows = new int[1024];
    float[] scores = new float[1024];
    int count;

    RowCollector(int[][] docToRow) {
        this.docToRow = docToRow;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) {
        int[] map = docToRow[context.ord];
        return new LeafCollector() {
            private Scorable scorer;

            @Override
            public void setScorer(Scorable s) {
                scorer = s;
            }

            @Override
            public void collect(int doc) throws IOException {
                if (count == rows.length) {
                    rows = Arrays.copyOf(rows, count * 2);
                    scores = Arrays.copyOf(scores, count * 2);
                }
                rows[count] = map[doc];
                scores[count] = scorer.score();
                count++;
            }
        };
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE;
    }
}
