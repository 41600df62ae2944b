package org.loupe.engine.pipeline.steps;

import static org.loupe.engine.pipeline.ParamSpec.Role.DECISION;
import static org.loupe.engine.pipeline.ParamSpec.Role.MEASURE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.loupe.engine.filter.Check;
import org.loupe.engine.filter.DuplicateGroups;
import org.loupe.engine.filter.StepDecider;
import org.loupe.engine.measure.DocumentText;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.StepMeasure;
import org.loupe.engine.measure.dedup.SentenceDedup;
import org.loupe.engine.measure.text.EnglishTokenizer;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepConfig;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepResources;

/**
 * datatrove's C4-style sentence dedup ({@code SentenceDedupSignature} → {@code SentenceFindDedups} →
 * {@code SentenceDedupFilter}, spec §12) as one live step, exactly as {@link SentenceDedup} does it on the
 * documents the earlier steps keep, in sample order.
 *
 * <p><b>Measure</b> (once per sample and measure parameters {@code n_sentences}, {@code split_sentences}): each
 * document's window hashes (stage 1) in two internal list columns, {@code _wi} (window index) and {@code _wh}
 * (xxhash64), plus {@code n_windows} and {@code _empty}. <b>Decide</b> (on every change of the kept rows): the
 * records of the hashes that occur more than once in the sample are sorted by (hash, row, window) once per
 * table; stage 2 over the kept rows is then one walk over those runs (the first kept record of a run keeps
 * its window, every later kept one is a duplicate). Only the documents that lose a window need their text
 * again: stage 3 cuts it and counts the remainder's spaCy words and sentences, cached per (document, removed
 * windows, {@code min_words_to_remove_span}), so moving {@code min_doc_words} or {@code min_num_sentences},
 * or going back to a kept set seen before, touches no text. The text comes from the table's
 * {@linkplain MetricTable#attachTexts text source} for the step (the text it measured).
 *
 * <p><b>Text after.</b> The step cuts sentences out of the documents it keeps, but which ones depends on
 * which documents the earlier steps keep, so its output cannot be measured once like C4 quality's.
 * {@link #editsText()} is therefore false (the measured chain hands later steps the text before this step,
 * and the measure cache of later steps does not depend on decisions) and
 * {@link #textDependsOnDecisions()} is true: the config check lets only other dedup steps follow it, which
 * then see the text before sentence dedup (datatrove would give them the cut text). The cut text of a row
 * under the current decisions is {@link #decidedText}: what {@code explain}, the full run and the inspector
 * show. A full run of a folder finds the duplicate windows across the folder and decides each document with
 * {@link #decide}, the same cut and keep rule.
 */
public final class SentenceDedupStep extends AbstractStep {
    public static final String NAME = "sentence_dedup";
    public static final String REASON = "too_short_after_dedup";

    public static final ParamSpec N_SENTENCES = ParamSpec.integer("n_sentences", 3L, 1L, 64L, false, MEASURE,
            "Sentences per window (SentDedupConfig.n_sentences): a window of this many consecutive sentences seen in an earlier kept document is cut.");
    public static final ParamSpec SPLIT_SENTENCES = ParamSpec.bool("split_sentences", true, MEASURE,
            "Split into spaCy sentences; off: into lines (splitlines), joined again with newlines.");
    public static final ParamSpec MIN_DOC_WORDS = ParamSpec.integer("min_doc_words", 50L, 0L, null, false, DECISION,
            "A document that lost sentences is dropped when fewer words remain (0: no minimum).");
    public static final ParamSpec MIN_NUM_SENTENCES = ParamSpec.integer("min_num_sentences", 3L, 0L, null, false, DECISION,
            "A document that lost sentences is dropped when fewer sentences remain (0: no minimum).");
    public static final ParamSpec MIN_WORDS_TO_REMOVE_SPAN = ParamSpec.integer("min_words_to_remove_span", 0L, 0L, null,
            false, DECISION,
            "A cut run whose first sentence has fewer words gets that sentence back (datatrove's rule; 0: never).");

    private static final String WINDOW_INDEX = "_wi";
    private static final String WINDOW_HASH = "_wh";
    private static final String EMPTY = "_empty";

    private final DedupSupport.PerTable<Prepared> prepared = new DedupSupport.PerTable<>();

    public SentenceDedupStep() {
        super(NAME, "Sentence dedup", "SentenceDedupFilter",
                List.of(N_SENTENCES, SPLIT_SENTENCES, MIN_DOC_WORDS, MIN_NUM_SENTENCES, MIN_WORDS_TO_REMOVE_SPAN),
                List.of("n_windows", EMPTY), List.of(REASON), false);
    }

    @Override
    public boolean decidesOverEarlierKept() {
        return true;
    }

    @Override
    public boolean textDependsOnDecisions() {
        return true;
    }

    /** The reference's {@code SentDedupConfig} of a step's parameters. */
    public static SentenceDedup.Config config(StepParams p) {
        return new SentenceDedup.Config((int) p.number(N_SENTENCES), p.flag(SPLIT_SENTENCES), (int) p.number(MIN_DOC_WORDS),
                (int) p.number(MIN_NUM_SENTENCES), (int) p.number(MIN_WORDS_TO_REMOVE_SPAN));
    }

    /**
     * Stage 1's records of one row as the step measured them: its window indices (ascending) and their xxhash64.
     *
     * @throws IllegalArgumentException naming the columns when the step was not measured into the table
     */
    public static SentenceDedup.Windows windows(MetricTable table, String stepName, int row) {
        MetricTable.LongLists index = table.lists(MetricTable.name(stepName, WINDOW_INDEX));
        MetricTable.LongLists hash = table.lists(MetricTable.name(stepName, WINDOW_HASH));
        int[] w = new int[index.size(row)];
        for (int i = 0; i < w.length; i++) {
            w[i] = (int) index.get(row, i);
        }
        return new SentenceDedup.Windows(w, hash.of(row));
    }

    /**
     * Stage 3 for one document that reached the step with {@code text}, given the windows stage 2 found to be
     * duplicates (sorted): whether the step keeps it and the text it hands on — exactly what the live step
     * decides ({@link #decider}) and {@link #decidedText} shows for a row with those duplicate windows. A
     * full run that found the duplicate windows across a folder decides each document with it.
     */
    public static SentenceDedup.Outcome decide(StepParams p, String text, int[] dupWindows) {
        return dedup(config(p)).filter(text, dupWindows);
    }

    /** The sentence dedup that decides (stages 2 and 3) for a config: spaCy's English tokenizer. */
    private static SentenceDedup dedup(SentenceDedup.Config config) {
        return new SentenceDedup(EnglishTokenizer.shared(), config);
    }

    @Override
    public StepMeasure measure(StepParams p, StepResources resources) {
        SentenceDedup dedup = new SentenceDedup(resources.tokenizer(), config(p));
        List<String> metrics = metrics();
        List<String> lists = List.of(WINDOW_INDEX, WINDOW_HASH);
        return new StepMeasure() {
            @Override
            public List<String> metrics() {
                return metrics;
            }

            @Override
            public List<String> lists() {
                return lists;
            }

            @Override
            public String measure(DocumentText doc, double[] out) {
                return measure(doc, out, new long[2][]);
            }

            @Override
            public String measure(DocumentText doc, double[] out, long[][] values) {
                SentenceDedup.Windows w = dedup.windowHashes(doc.text());
                long[] index = new long[w.index().length];
                for (int i = 0; i < index.length; i++) {
                    index[i] = w.index()[i];
                }
                out[0] = index.length;
                out[1] = doc.text().isEmpty() ? 1 : 0;
                values[0] = index;
                values[1] = w.hash();
                return doc.text();
            }
        };
    }

    @Override
    public StepDecider decider(String stepName, StepParams p, MetricTable table) {
        Prepared prep = prepared(stepName, table); // fails now, naming the columns, when the step was not measured
        SentenceDedup.Config config = config(p);
        int rows = table.rows();
        return new StepDecider() {
            @Override
            public int decide(int row) {
                throw new UnsupportedOperationException("a dedup step decides over the kept rows only");
            }

            @Override
            public void decideAll(int[] out) {
                decideKept(out, DedupSupport.allRows(out.length));
            }

            @Override
            public void decideKept(int[] out, long[] keptBefore) {
                if (out.length != rows) {
                    throw new IllegalArgumentException(out.length + " rows, table has " + rows);
                }
                Live live = prep.live(keptBefore, config, texts(stepName, table));
                for (int row = 0; row < out.length; row++) {
                    out[row] = live.drop[row] ? 0 : -1;
                }
            }

            @Override
            public List<Check> checks() {
                return List.of();
            }
        };
    }

    /**
     * The documents sharing windows, among the rows the earlier steps keep: a group is a set of documents
     * linked by duplicate windows (each document that loses a window is linked to the other document that
     * holds the window's first occurrence); removed = dropped by {@value #REASON} after losing a window first
     * seen in another document. So a group's first row, which loses no window to another document, is its
     * survivor. Not counted as copies (though the step drops them): a document dropped for being empty, or
     * only over windows it repeats itself (then in no group unless others copy it).
     */
    @Override
    public Optional<DuplicateGroups> duplicates(String stepName, StepParams p, MetricTable table, long[] keptBefore) {
        Live live = prepared(stepName, table).live(keptBefore, config(p), texts(stepName, table));
        return Optional.of(live.groups());
    }

    @Override
    public Optional<DecidedText> decidedText(String stepName, StepParams p, MetricTable table, long[] keptBefore,
                                             int row) {
        if (!DedupSupport.has(keptBefore, row)) {
            return Optional.empty();
        }
        SentenceDedup.Config config = config(p);
        IntFunction<String> texts = texts(stepName, table);
        Live live = prepared(stepName, table).live(keptBefore, config, texts);
        String text = text(texts, stepName, row);
        int[] dups = live.dups(row);
        SentenceDedup.Removal cut = dedup(config).remove(text, dups);
        boolean keep = !live.drop[row];
        List<LineOutcome> pieces = new ArrayList<>();
        int[] firsts = live.firsts(row);
        int lastEnd = 0;
        for (int i = 0; i < cut.pieces(); i++) {
            String rule;
            if (cut.pieceRemoved()[i]) {
                int w = coveringWindow(dups, i, config.nSentences());
                rule = "duplicate: window " + w + " first seen in row " + firsts[w < 0 ? 0 : Arrays.binarySearch(dups, w)];
            } else if (inWindow(dups, i, config.nSentences())) {
                rule = "kept: fewer than min_words_to_remove_span words";
            } else {
                rule = keep ? "kept" : "drops the document: " + REASON;
            }
            pieces.add(new LineOutcome(cut.pieceStart()[i], cut.pieceEnd()[i], rule, cut.pieceRemoved()[i]));
            lastEnd = cut.pieceEnd()[i];
        }
        if (dups.length > 0 && config.splitSentences() && lastEnd < text.length()) {
            pieces.add(new LineOutcome(lastEnd, text.length(), "after the last sentence: lost with the cut", true));
        }
        return Optional.of(new DecidedText(text, keep ? cut.text() : null, cut.annotated(), pieces));
    }

    private static int coveringWindow(int[] dups, int piece, int n) {
        int best = -1;
        for (int w : dups) {
            if (w <= piece && piece < w + n) {
                best = w;
            }
        }
        return best;
    }

    private static boolean inWindow(int[] dups, int piece, int n) {
        return coveringWindow(dups, piece, n) >= 0;
    }

    private Prepared prepared(String stepName, MetricTable table) {
        double[] windows = table.column(MetricTable.name(stepName, "n_windows"));
        double[] empty = table.column(MetricTable.name(stepName, EMPTY));
        MetricTable.LongLists index = table.lists(MetricTable.name(stepName, WINDOW_INDEX));
        MetricTable.LongLists hash = table.lists(MetricTable.name(stepName, WINDOW_HASH));
        return prepared.get(windows, c -> Prepared.of(index, hash, empty));
    }

    /** The table's text source for the step, or one that fails, naming what is missing, when first asked. */
    private static IntFunction<String> texts(String stepName, MetricTable table) {
        return table.texts(stepName).orElse(row -> {
            throw new IllegalArgumentException("step " + stepName + " must read the text of row " + row
                    + " to decide, but the metric table has no text source for it (attach one with MetricTable.attachTexts)");
        });
    }

    private static String text(IntFunction<String> texts, String stepName, int row) {
        String text = texts.apply(row);
        if (text == null) {
            throw new IllegalArgumentException("step " + stepName + ": the text source has no text for row " + row);
        }
        return text;
    }

    /**
     * The records of the window hashes that occur more than once in the table, sorted by (hash, row, window),
     * in runs of equal hashes; the other hashes can never be duplicates. Also the cache of cut results.
     */
    private static final class Prepared {
        final int rows;
        final int[] recRow;
        final int[] recWindow;
        final int[] runStart; // run r is [runStart[r], runStart[r + 1])
        final boolean[] empty;
        final Map<CutKey, SentenceDedup.Remainder> remainders = new ConcurrentHashMap<>();
        private final LinkedHashMap<KeptKey, Live> recent = new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<KeptKey, Live> eldest) {
                return size() > 4;
            }
        };

        private Prepared(int rows, int[] recRow, int[] recWindow, int[] runStart, boolean[] empty) {
            this.rows = rows;
            this.recRow = recRow;
            this.recWindow = recWindow;
            this.runStart = runStart;
            this.empty = empty;
        }

        static Prepared of(MetricTable.LongLists index, MetricTable.LongLists hash, double[] emptyColumn) {
            int rows = index.rows();
            int total = hash.values().length;
            long[] hashes = hash.values();
            Integer[] order = new Integer[total];
            for (int i = 0; i < total; i++) {
                order[i] = i;
            }
            // Records are laid out in (row, window) order; a stable sort by hash keeps that order within a hash.
            Arrays.sort(order, (a, b) -> Long.compare(hashes[a], hashes[b]));
            int[] rowOf = new int[total];
            for (int row = 0; row < rows; row++) {
                for (int i = index.offsets()[row]; i < index.offsets()[row + 1]; i++) {
                    rowOf[i] = row;
                }
            }
            int[] recRow = new int[total];
            int[] recWindow = new int[total];
            int[] runStart = new int[total / 2 + 2];
            int count = 0;
            int runs = 0;
            for (int a = 0; a < total; ) {
                int b = a + 1;
                while (b < total && hashes[order[b]] == hashes[order[a]]) {
                    b++;
                }
                if (b - a > 1) {
                    runStart[runs++] = count;
                    for (int k = a; k < b; k++) {
                        recRow[count] = rowOf[order[k]];
                        recWindow[count] = (int) index.values()[order[k]];
                        count++;
                    }
                }
                a = b;
            }
            runStart[runs] = count;
            boolean[] empty = new boolean[rows];
            for (int row = 0; row < rows; row++) {
                empty[row] = emptyColumn[row] == 1;
            }
            return new Prepared(rows, Arrays.copyOf(recRow, count), Arrays.copyOf(recWindow, count),
                    Arrays.copyOf(runStart, runs + 1), empty);
        }

        /** Stages 2 and 3 over the rows in {@code keptBefore}; recent results are reused. */
        Live live(long[] keptBefore, SentenceDedup.Config config, IntFunction<String> texts) {
            KeptKey key = new KeptKey(keptBefore.clone(), config);
            synchronized (recent) {
                Live l = recent.get(key);
                if (l != null) {
                    return l;
                }
            }
            Live l = compute(keptBefore, config, texts);
            synchronized (recent) {
                recent.put(key, l);
            }
            return l;
        }

        private Live compute(long[] kept, SentenceDedup.Config config, IntFunction<String> texts) {
            // stage 2: per run, the first kept record keeps its window, every later kept one is a duplicate
            int runs = runStart.length - 1;
            int[] dupRow = new int[64];
            long[] dupWindowFirst = new long[64];
            int dupCount = 0;
            int[] perRow = new int[rows];
            for (int r = 0; r < runs; r++) {
                int first = -1;
                for (int k = runStart[r]; k < runStart[r + 1]; k++) {
                    int row = recRow[k];
                    if (!DedupSupport.has(kept, row)) {
                        continue;
                    }
                    if (first < 0) {
                        first = row;
                        continue;
                    }
                    if (dupCount == dupRow.length) {
                        dupRow = Arrays.copyOf(dupRow, dupCount * 2);
                        dupWindowFirst = Arrays.copyOf(dupWindowFirst, dupCount * 2);
                    }
                    dupRow[dupCount] = row;
                    dupWindowFirst[dupCount] = ((long) recWindow[k] << 32) | first;
                    dupCount++;
                    perRow[row]++;
                }
            }
            int[] start = new int[rows + 1];
            for (int row = 0; row < rows; row++) {
                start[row + 1] = start[row] + perRow[row];
            }
            long[] sorted = new long[dupCount];
            int[] fill = Arrays.copyOf(start, rows);
            for (int i = 0; i < dupCount; i++) {
                sorted[fill[dupRow[i]]++] = dupWindowFirst[i];
            }
            List<Integer> cutRows = new ArrayList<>();
            for (int row = 0; row < rows; row++) {
                if (start[row + 1] > start[row]) {
                    Arrays.sort(sorted, start[row], start[row + 1]); // by window (the high half)
                    cutRows.add(row);
                }
            }
            Live live = new Live(rows, start, sorted);
            // stage 3: only the rows that lose windows need their text; results are cached per cut
            CutKey[] keys = new CutKey[cutRows.size()];
            for (int i = 0; i < keys.length; i++) {
                int row = cutRows.get(i);
                keys[i] = new CutKey(row, config.nSentences(), config.splitSentences(), config.minWordsToRemoveSpan(),
                        live.dups(row));
            }
            int[] missing = IntStream.range(0, keys.length).filter(i -> !remainders.containsKey(keys[i])).toArray();
            if (missing.length > 0) {
                SentenceDedup dedup = dedup(config);
                IntStream.of(missing).parallel().forEach(i -> {
                    CutKey k = keys[i];
                    String text = texts.apply(k.row);
                    if (text == null) {
                        throw new IllegalArgumentException("no text for row " + k.row);
                    }
                    remainders.put(k, dedup.remainder(text, dedup.remove(text, k.windows)));
                });
            }
            for (int row = 0; row < rows; row++) {
                live.drop[row] = DedupSupport.has(kept, row) && empty[row];
            }
            for (CutKey k : keys) {
                live.drop[k.row] = !remainders.get(k).keeps(config);
            }
            return live;
        }
    }

    /** Stage 2 and 3's result for one kept set: each row's duplicate windows (with their first rows), drops. */
    private static final class Live {
        final int[] start;
        final long[] windowFirst; // per row, sorted: window << 32 | first row
        final boolean[] drop;
        private DuplicateGroups groups;

        Live(int rows, int[] start, long[] windowFirst) {
            this.start = start;
            this.windowFirst = windowFirst;
            this.drop = new boolean[rows];
        }

        int[] dups(int row) {
            int[] out = new int[start[row + 1] - start[row]];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) (windowFirst[start[row] + i] >>> 32);
            }
            return out;
        }

        int[] firsts(int row) {
            int[] out = new int[start[row + 1] - start[row]];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) windowFirst[start[row] + i];
            }
            return out;
        }

        synchronized DuplicateGroups groups() {
            if (groups == null) {
                int n = drop.length;
                int[] parent = new int[n];
                for (int i = 0; i < n; i++) {
                    parent[i] = i;
                }
                boolean[] linked = new boolean[n];
                boolean[] copy = new boolean[n];
                for (int row = 0; row < n; row++) {
                    for (int i = start[row]; i < start[row + 1]; i++) {
                        int first = (int) windowFirst[i];
                        if (first == row) {
                            continue; // a window repeated within the document links it to no other
                        }
                        copy[row] = true;
                        linked[row] = true;
                        linked[first] = true;
                        int a = find(parent, row);
                        int b = find(parent, first);
                        if (a != b) {
                            parent[Math.max(a, b)] = Math.min(a, b); // the smallest row is the root
                        }
                    }
                }
                int[] group = new int[n];
                boolean[] removed = new boolean[n];
                for (int row = 0; row < n; row++) {
                    group[row] = linked[row] ? find(parent, row) : -1;
                    removed[row] = copy[row] && drop[row];
                }
                groups = new DuplicateGroups(group, removed);
            }
            return groups;
        }

        private static int find(int[] parent, int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
    }

    /** A kept set and the config it was decided with. */
    private record KeptKey(long[] kept, SentenceDedup.Config config) {
        @Override
        public boolean equals(Object o) {
            return o instanceof KeptKey k && Arrays.equals(kept, k.kept) && config.equals(k.config);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(kept) * 31 + config.hashCode();
        }
    }

    /** A document and the windows cut out of it, with what changes the cut text. */
    private record CutKey(int row, int nSentences, boolean split, int minWordsToRemoveSpan, int[] windows) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CutKey k && row == k.row && nSentences == k.nSentences && split == k.split
                    && minWordsToRemoveSpan == k.minWordsToRemoveSpan && Arrays.equals(windows, k.windows);
        }

        @Override
        public int hashCode() {
            return (row * 31 + minWordsToRemoveSpan) * 31 + Arrays.hashCode(windows);
        }
    }

    @Override
    public Optional<DatatroveCall> datatrove(StepConfig step) {
        StepParams p = StepParams.of(this, step);
        Map<String, Object> args = new LinkedHashMap<>();
        for (ParamSpec spec : params()) {
            Object v = p.get(spec);
            if (!java.util.Objects.equals(v, spec.defaultValue())) {
                args.put(spec.name(), v);
            }
        }
        List<String> comments = new ArrayList<>();
        if (step.keepFraction() > 0) {
            comments.add("Loupe keeps " + step.keepFraction() + " of what this step removes (keep_fraction).");
        }
        return Optional.of(new DatatroveCall(MinHashDedupStep.DEDUP_MODULE + ".sentence_dedup", "SentDedupConfig", args, comments,
                DatatroveCall.Kind.SENTENCE_DEDUP, List.of()));
    }
}
