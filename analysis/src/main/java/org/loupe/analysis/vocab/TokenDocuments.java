package org.loupe.analysis.vocab;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.task.Workers;

/**
 * The documents a token occurs in: every document is encoded with the model (documents that do not even
 * contain the token's text are skipped at once) and those whose encoding holds the token are returned with
 * how many times.
 */
public final class TokenDocuments {

    /**
     * @param rows   the documents' indexes, ascending
     * @param counts occurrences of the token in each
     */
    public record Hits(int[] rows, int[] counts) {
        public int size() {
            return rows.length;
        }

        /** All occurrences. */
        public long total() {
            long t = 0;
            for (int c : counts) {
                t += c;
            }
            return t;
        }
    }

    private TokenDocuments() {
    }

    /**
     * Finds the documents holding token {@code id}.
     *
     * @param model     the tokenizer
     * @param id        the token
     * @param documents how many documents
     * @param text      a document's text (may be null)
     * @param threads   worker threads
     * @param context   progress and cancellation
     */
    public static Hits find(BpeModel model, int id, int documents, IntFunction<? extends CharSequence> text, int threads,
                            TaskContext context) {
        String needle = model.text(id);
        int[] counts = new int[documents];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int chunk = 64;
        Workers.run(Math.max(1, Math.min(threads, documents / chunk + 1)), "token-documents", worker -> {
            PreTokenizer pre = model.preTokenizer();
            Map<String, Integer> pieceCount = new HashMap<>();
            BpeModel.IntBuffer buffer = new BpeModel.IntBuffer();
            while (true) {
                int from = next.getAndAdd(chunk);
                if (from >= documents) {
                    break;
                }
                context.checkCancelled();
                int to = Math.min(documents, from + chunk);
                for (int d = from; d < to; d++) {
                    CharSequence t = text.apply(d);
                    if (t == null || (needle != null && !t.toString().contains(needle))) {
                        continue;
                    }
                    int[] c = {0};
                    pre.split(t, piece -> c[0] += pieceCount.computeIfAbsent(piece, p -> {
                        buffer.clear();
                        model.encodePiece(p, buffer);
                        int n = 0;
                        for (int i = 0; i < buffer.size(); i++) {
                            if (buffer.get(i) == id) {
                                n++;
                            }
                        }
                        return n;
                    }));
                    counts[d] = c[0];
                }
                context.progress(done.addAndGet(to - from), documents, TaskContext.Unit.DOCUMENTS);
            }
        });
        int n = 0;
        for (int c : counts) {
            if (c > 0) {
                n++;
            }
        }
        int[] rows = new int[n];
        int[] hits = new int[n];
        int k = 0;
        for (int d = 0; d < documents; d++) {
            if (counts[d] > 0) {
                rows[k] = d;
                hits[k++] = counts[d];
            }
        }
        return new Hits(rows, hits);
    }
}
