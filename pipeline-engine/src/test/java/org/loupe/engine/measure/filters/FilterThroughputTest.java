package org.loupe.engine.measure.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loupe.engine.measure.text.EnglishTokenizer;

/**
 * Prints the throughput of measuring all four filters on the 1,107 fixture texts, sharing one (golden)
 * word list per document: MB of UTF-8 text per CPU second of one thread (thread CPU time, so that other
 * processes on a shared machine do not count), best pass after a warm-up of a few seconds. Printed, not
 * asserted — a build machine's speed is no property of the code.
 */
class FilterThroughputTest {
    private static final int PASSES = 12;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void printsTheThroughputOfMeasuringAllFourFilters() {
        List<ReferenceGolden.Doc> docs = ReferenceGolden.docs();
        long bytes = docs.stream().mapToLong(d -> d.text().getBytes(StandardCharsets.UTF_8).length).sum();
        C4Quality.SentenceSplitter onePerLine = List::of;
        C4Quality.SentenceSplitter spacy = EnglishTokenizer.shared()::splitIntoSentences;

        double filtersOnly = bytes / 1e6 / best(docs, onePerLine);
        double withSentences = bytes / 1e6 / best(docs, spacy);

        System.out.printf("Measuring Gopher quality + Gopher repetition + C4 quality + FineWeb quality on %d texts "
                + "(%.2f MB UTF-8), golden word lists, best of %d passes, CPU time of one thread:%n", docs.size(),
                bytes / 1e6, PASSES);
        System.out.printf("  filters only (C4 sentence count stubbed):   %6.1f MB/s%n", filtersOnly);
        System.out.printf("  with C4's spaCy sentence count per line:    %6.1f MB/s%n", withSentences);
        assertThat(filtersOnly).isPositive();
    }

    /** CPU seconds of the fastest pass. */
    private static double best(List<ReferenceGolden.Doc> docs, C4Quality.SentenceSplitter sentences) {
        double[] q = new double[GopherQuality.METRICS.size()];
        double[] r = new double[GopherRepetition.METRICS.size()];
        double[] c = new double[C4Quality.METRICS.size()];
        double[] f = new double[FineWebQuality.METRICS.size()];
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < PASSES; pass++) {
            long start = cpuNanos();
            for (ReferenceGolden.Doc d : docs) {
                GopherQuality.measure(d.text(), d.words(), GopherQuality.Params.DEFAULTS, q);
                GopherRepetition.measure(d.text(), d.words(), GopherRepetition.Params.DEFAULTS, r);
                C4Quality.measure(d.text(), sentences, C4Quality.Params.DEFAULTS, c);
                FineWebQuality.measure(d.text(), d.words(), FineWebQuality.Params.DEFAULTS, f);
            }
            best = Math.min(best, cpuNanos() - start);
        }
        return best / 1e9;
    }

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
