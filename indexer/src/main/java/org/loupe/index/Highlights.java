package org.loupe.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.loupe.engine.sample.Sample;

/**
 * Where a query matches a text: the match offsets of a whole document (for highlighting it), and the snippets
 * of a page of hits. Texts are read from the sample and analyzed again (the index stores no text).
 */
final class Highlights {
    private final Sample sample;
    private final ExecutorService executor;
    private final UnifiedHighlighter highlighter;

    /** @param executor runs the snippets of a page in parallel */
    Highlights(Sample sample, Analyzer analyzer, ExecutorService executor) {
        this.sample = sample;
        this.executor = executor;
        this.highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withBreakIterator(WholeBreakIterator::new)
                .withMaxLength(Integer.MAX_VALUE - 1)
                .withMaxNoHighlightPassages(0)
                .withFormatter(new MatchFormatter())
                .build();
    }

    /**
     * Every match of the query's text terms in one text (UTF-16 {@code [start, end)} offsets, ascending, not
     * overlapping). Phrases match as a whole; field queries on other fields than the text match nothing here.
     */
    @SuppressWarnings("unchecked")
    List<int[]> matches(Query query, String text) throws IOException {
        if (text.isEmpty() || query instanceof MatchAllDocsQuery) {
            return List.of();
        }
        Object r = highlighter.highlightWithoutSearcher(IndexSchema.TEXT, query, text, 1);
        return r == null ? List.of() : (List<int[]>) r;
    }

    /** Snippets of a page of hits, built in parallel (each re-reads and re-analyzes one text). */
    List<Snippet> snippets(Query query, int[] rows) throws IOException {
        List<java.util.concurrent.Callable<Snippet>> work = new ArrayList<>();
        for (int row : rows) {
            work.add(() -> {
                String text = sample.document(row).text();
                return Snippets.of(text, matches(query, text));
            });
        }
        List<Snippet> out = new ArrayList<>(rows.length);
        try {
            for (java.util.concurrent.Future<Snippet> f : executor.invokeAll(work)) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while building snippets");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        }
        return out;
    }

    /** Collects the match offsets of the single whole-text passage. */
    private static final class MatchFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            List<int[]> out = new ArrayList<>();
            for (Passage p : passages) {
                int[] starts = p.getMatchStarts();
                int[] ends = p.getMatchEnds();
                for (int i = 0; i < p.getNumMatches(); i++) {
                    out.add(new int[] {starts[i], ends[i]});
                }
            }
            out.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
            List<int[]> merged = new ArrayList<>(out.size());
            for (int[] m : out) {
                int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && m[0] < last[1]) {
                    last[1] = Math.max(last[1], m[1]);
                } else {
                    merged.add(m);
                }
            }
            return merged;
        }
    }
}
