package org.loupe.engine.measure.lid;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hashing, n-gram cutting and the prune index, on small hand-made dictionaries and on lid.176. */
class FastTextDictionaryTest {

    /** FNV-1a in 64-bit arithmetic, with each byte sign-extended to 32 bits as fastText does. */
    private static long referenceHash(byte[] bytes) {
        long h = 2166136261L;
        for (byte b : bytes) {
            long x = b < 0 ? 0xFFFFFF00L | (b & 0xFF) : b;
            h = ((h ^ x) * 16777619L) & 0xFFFFFFFFL;
        }
        return h;
    }

    /** Textbook FNV-1a (bytes unsigned), which fastText does not use for bytes ≥ 0x80. */
    private static long standardFnv1a(byte[] bytes) {
        long h = 2166136261L;
        for (byte b : bytes) {
            h = ((h ^ (b & 0xFF)) * 16777619L) & 0xFFFFFFFFL;
        }
        return h;
    }

    private static long hash(String s) {
        byte[] b = s.getBytes(UTF_8);
        return Integer.toUnsignedLong(FastTextDictionary.hash(b, 0, b.length));
    }

    @Test
    void asciiHashesAreTextbookFnv1a() {
        assertThat(hash("")).isEqualTo(0x811C9DC5L);
        assertThat(hash("a")).isEqualTo(0xE40C292CL);
        assertThat(hash("foobar")).isEqualTo(0xBF9CF968L);
    }

    @Test
    void bytesFrom0x80AreSignExtendedBeforeTheXor() {
        for (String s : List.of("é", "Größe", "日本語", "<né>", "\u00ff", "😀")) {
            byte[] b = s.getBytes(UTF_8);
            assertThat(hash(s)).as(s).isEqualTo(referenceHash(b)).isNotEqualTo(standardFnv1a(b));
        }
        // One byte worked by hand: (0x811C9DC5 ^ 0xFFFFFFC3) * 16777619 mod 2^32.
        byte[] c3 = {(byte) 0xC3};
        assertThat(Integer.toUnsignedLong(FastTextDictionary.hash(c3, 0, 1)))
                .isEqualTo(((0x811C9DC5L ^ 0xFFFFFFC3L) * 16777619L) & 0xFFFFFFFFL);
    }

    private static FastTextDictionary smallDictionary(int minn, int maxn, int bucket) {
        byte[][] words = {"</s>".getBytes(UTF_8), "né".getBytes(UTF_8), "__label__x".getBytes(UTF_8)};
        return new FastTextDictionary(words, new long[] {10, 5, 3}, new byte[] {0, 0, 1}, 2, 1, minn, maxn, bucket, -1,
                null);
    }

    private static int[] rowsOf(FastTextDictionary d, String bracketedWord) {
        byte[] b = bracketedWord.getBytes(UTF_8);
        FastTextDictionary.IntList out = new FastTextDictionary.IntList(4);
        d.computeSubwords(b, b.length, out);
        return out.toArray();
    }

    private static int[] expectedRows(List<String> ngrams, int nwords, int bucket) {
        return ngrams.stream().mapToInt(g -> nwords + (int) (referenceHash(g.getBytes(UTF_8)) % bucket)).toArray();
    }

    @Test
    void ngramsOfAMultiByteWordAreCutOnCodePointBoundaries() {
        int bucket = 2_000_000;
        FastTextDictionary d = smallDictionary(2, 4, bucket);
        // "<né>" is 5 bytes but 4 code points: 'é' is never split.
        List<String> want = List.of("<n", "<né", "<né>", "né", "né>", "é>");
        assertThat(rowsOf(d, "<né>")).containsExactly(expectedRows(want, 2, bucket));

        List<String> cjk = List.of("<日", "<日本", "<日本語", "日本", "日本語", "日本語>", "本語", "本語>", "語>");
        assertThat(rowsOf(d, "<日本語>")).containsExactly(expectedRows(cjk, 2, bucket));
    }

    @Test
    void singleCodePointNgramsSkipTheWordBoundaryMarkers() {
        int bucket = 1_000_003;
        FastTextDictionary d = smallDictionary(1, 2, bucket);
        List<String> want = List.of("<é", "é", "é>");
        assertThat(rowsOf(d, "<é>")).containsExactly(expectedRows(want, 2, bucket));
    }

    @Test
    void knownWordsGetTheirOwnRowFirstAndEndOfSentenceHasNoNgrams() {
        FastTextDictionary d = smallDictionary(2, 4, 2_000_000);
        assertThat(d.eosId()).isZero();
        assertThat(d.subwords(0)).containsExactly(0);
        int[] ne = d.subwords(1);
        assertThat(ne[0]).isEqualTo(1);
        assertThat(Arrays.copyOfRange(ne, 1, ne.length)).containsExactly(rowsOf(d, "<né>"));
        byte[] w = "né".getBytes(UTF_8);
        assertThat(d.find(w, 0, w.length, FastTextDictionary.hash(w, 0, w.length))).isEqualTo(1);
        byte[] unknown = "ne".getBytes(UTF_8);
        assertThat(d.find(unknown, 0, 2, FastTextDictionary.hash(unknown, 0, 2))).isEqualTo(-1);
        assertThat(d.label(0)).isEqualTo("__label__x");
    }

    @Test
    void prunedModelsKeepOnlyMappedBucketsAndRenumberThem() {
        int bucket = 2_000_000;
        byte[][] words = {"</s>".getBytes(UTF_8), "__label__x".getBytes(UTF_8)};
        long kept = referenceHash("<n".getBytes(UTF_8)) % bucket;
        FastTextDictionary.IntIntMap prune = new FastTextDictionary.IntIntMap(new int[] {(int) kept}, new int[] {0});
        FastTextDictionary d = new FastTextDictionary(words, new long[] {1, 1}, new byte[] {0, 1}, 1, 1, 2, 4, bucket, 1,
                prune);
        assertThat(rowsOf(d, "<né>")).containsExactly(1);
        FastTextDictionary none = new FastTextDictionary(words, new long[] {1, 1}, new byte[] {0, 1}, 1, 1, 2, 4, bucket,
                0, null);
        assertThat(rowsOf(none, "<né>")).isEmpty();
    }

    @Test
    void lid176SubwordRowsMatchFastTextsGetSubwords() {
        FastTextModel model = Lid176.model();
        assertThat(model.vocabularySize()).isEqualTo(7235);
        assertThat(model.labels()).hasSize(176).startsWith("__label__en");
        // From fastText's Python binding: model.get_subwords(word)[1] on lid.176.ftz.
        assertThat(subwordRows(model, "日本語")).containsExactly(12741, 12701, 8859);
        assertThat(subwordRows(model, "Größe")).containsExactly(37767, 35912, 22303);
        assertThat(subwordRows(model, "né")).containsExactly(1428, 10817, 23096, 23023);
        assertThat(subwordRows(model, "de")).containsExactly(1, 38593);
    }

    /** What fastText's getSubwords gives: the word's row when known, then its kept n-gram rows. */
    private static List<Integer> subwordRows(FastTextModel model, String word) {
        FastTextDictionary d = model.dictionary();
        byte[] w = word.getBytes(UTF_8);
        int id = d.find(w, 0, w.length, FastTextDictionary.hash(w, 0, w.length));
        List<Integer> out = new ArrayList<>();
        if (id >= 0) {
            for (int r : d.subwords(id)) {
                out.add(r);
            }
        } else {
            for (int r : rowsOf(d, "<" + word + ">")) {
                out.add(r);
            }
        }
        return out;
    }
}
