package org.loupe.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.task.TaskContext;

/**
 * Sentence dedup's stage 2 on disk ({@link SentenceRuns}): whatever the shards, the run files a pass cuts its
 * records into and the memory the merge may hold, every shard's duplicate windows are those of one walk over
 * the documents in folder order (the first (document, window) of a hash keeps it), which is the workbench's
 * rule on a sample of the whole folder.
 */
class SentenceDedupRunsTest {

    @Property(tries = 60)
    void theDuplicateWindowsAreThoseOfOneWalkInFolderOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int shards,
                                                         @ForAll @IntRange(min = 1, max = 9) int chunk,
                                                         @ForAll @IntRange(min = 1, max = 7) int inMemory) throws IOException {
        Random r = new Random(seed);
        long[] pool = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 42, -42, 7};
        // per shard, per document: its windows (ascending indices, some skipped as blank) and their hashes
        List<int[][]> windows = new ArrayList<>();
        List<long[][]> hashes = new ArrayList<>();
        long[] offsets = new long[shards + 1];
        for (int s = 0; s < shards; s++) {
            int docs = r.nextInt(6);
            int[][] w = new int[docs][];
            long[][] h = new long[docs][];
            for (int d = 0; d < docs; d++) {
                int n = r.nextInt(5);
                w[d] = new int[n];
                h[d] = new long[n];
                int at = 0;
                for (int i = 0; i < n; i++) {
                    at += 1 + (r.nextInt(4) == 0 ? 1 : 0);
                    w[d][i] = at;
                    h[d][i] = pool[r.nextInt(pool.length)];
                }
            }
            windows.add(w);
            hashes.add(h);
            offsets[s + 1] = offsets[s] + docs;
        }
        Path dir = Files.createTempDirectory("sentence-runs");
        try {
            Path runs = dir.resolve("runs");
            List<String> stems = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                stems.add("shard" + s);
                writeInChunks(runs, "shard" + s, s, windows.get(s), hashes.get(s), chunk);
            }
            SentenceRuns.findDuplicates(runs, offsets, stems, dir.resolve("dups"), TaskContext.NONE, inMemory);
            assertThat(dir.resolve("dups-spill")).doesNotExist();

            Set<Long> seen = new HashSet<>();
            for (int s = 0; s < shards; s++) {
                try (SentenceRuns.Dups dups = new SentenceRuns.Dups(SentenceRuns.dupsFile(dir.resolve("dups"), stems.get(s)))) {
                    for (int d = 0; d < windows.get(s).length; d++) {
                        List<Integer> expected = new ArrayList<>();
                        for (int i = 0; i < windows.get(s)[d].length; i++) {
                            if (!seen.add(hashes.get(s)[d][i])) {
                                expected.add(windows.get(s)[d][i]);
                            }
                        }
                        assertThat(dups.of(d)).as("shard %d document %d", s, d)
                                .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
                    }
                    dups.finish();
                }
            }
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /** A shard's records, in (document, window) order, cut into run files of {@code chunk} records. */
    private static void writeInChunks(Path runs, String stem, int shard, int[][] windows, long[][] hashes, int chunk)
            throws IOException {
        long[] hash = new long[chunk];
        int[] doc = new int[chunk];
        int[] window = new int[chunk];
        int n = 0;
        int files = 0;
        List<Path> temps = new ArrayList<>();
        for (int d = 0; d < windows.length; d++) {
            for (int i = 0; i < windows[d].length; i++) {
                hash[n] = hashes[d][i];
                doc[n] = d;
                window[n++] = windows[d][i];
                if (n == chunk) {
                    SentenceRuns.write(runs, String.format("%s.%05d", stem, files++), shard, hash, doc, window, n, temps);
                    n = 0;
                }
            }
        }
        if (n > 0) {
            SentenceRuns.write(runs, String.format("%s.%05d", stem, files), shard, hash, doc, window, n, temps);
        }
        for (Path t : temps) {
            AtomicFiles.move(t, FullRun.finalPath(t));
        }
    }

    @Property(tries = 5)
    void aDuplicatesFileListingADocumentNeverAskedForIsRefused(@ForAll @IntRange(min = 0, max = 3) int skip)
            throws IOException {
        Path dir = Files.createTempDirectory("sentence-runs");
        try {
            Path runs = dir.resolve("runs");
            List<Path> temps = new ArrayList<>();
            // documents 0 .. 4 share one hash: every one after the first has a duplicate window
            int[] docs = {0, 1, 2, 3, 4};
            long[] hash = new long[5];
            int[] window = new int[5];
            Arrays.fill(hash, 9);
            SentenceRuns.write(runs, "s.00000", 0, hash, docs, window, 5, temps);
            for (Path t : temps) {
                AtomicFiles.move(t, FullRun.finalPath(t));
            }
            assertThat(SentenceRuns.findDuplicates(runs, new long[] {0, 5}, List.of("s"), dir.resolve("dups"),
                    TaskContext.NONE)).isEqualTo(4);
            try (SentenceRuns.Dups dups = new SentenceRuns.Dups(SentenceRuns.dupsFile(dir.resolve("dups"), "s"))) {
                assertThat(dups.of(0)).isEmpty();
                assertThatThrownBy(() -> dups.of(2 + skip)).isInstanceOf(IOException.class)
                        .hasMessageContaining("document 1").hasMessageContaining("work folder");
            }
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }
}
