package org.loupe.analysis.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.loupe.analysis.vocab.BpeModel.Merge;
import org.loupe.engine.task.TaskContext;

class BpeTrainerTest {

    private static BpeModel train(List<String> texts, int vocab, PreTokenizer pre, int threads) {
        return new BpeTrainer(new BpeTrainer.Options(vocab, pre, 1), threads)
                .train(texts.size(), texts::get, TaskContext.NONE);
    }

    private static List<String> repeat(Object... wordAndTimes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < wordAndTimes.length; i += 2) {
            out.addAll(Collections.nCopies((Integer) wordAndTimes[i + 1], (String) wordAndTimes[i]));
        }
        return out;
    }

    private static List<String> merges(BpeModel m) {
        List<String> out = new ArrayList<>();
        for (Merge merge : m.merges()) {
            out.add(m.text(merge.left()) + "+" + m.text(merge.right()) + "=" + merge.count());
        }
        return out;
    }

    @Test
    void reproducesTheHandWorkedMergesOfTheHuggingFaceCourseCorpus() {
        // hug×10 pug×5 pun×12 bun×4 hugs×5: pairs u g 20, p u 17, u n 16, h u 15, g s 5, b u 4
        List<String> texts = repeat("hug", 10, "pug", 5, "pun", 12, "bun", 4, "hugs", 5);
        BpeModel m = train(texts, 256 + 7, PreTokenizer.GPT2, 1);
        assertThat(merges(m)).containsExactly(
                "u+g=20",      // ug
                "u+n=16",      // un (p u fell to 12 when ug took pug's u)
                "h+ug=15",     // hug
                "p+un=12",     // pun
                "p+ug=5",      // tie with hug+s at 5: the smaller left id (the byte p) first
                "hug+s=5",
                "b+un=4");
        assertThat(m.size()).isEqualTo(263);
        assertThat(m.text(262)).isEqualTo("bun");
        assertThat(m.count(m.idOf("hug"))).isEqualTo(10);
        assertThat(m.count(m.idOf("hugs"))).isEqualTo(5);
        assertThat(m.count(m.idOf("pun"))).isEqualTo(12);
        assertThat(m.count('u')).isZero();
        assertThat(m.rank(m.idOf("hug"))).isEqualTo(2);
        assertThat(m.rank('h')).isEqualTo(-1);
        assertThat(m.encode("hugs pun bug")).containsExactly(
                m.idOf("hugs"), m.idOf("Ġ"), m.idOf("pun"), m.idOf("Ġ"), 'b', m.idOf("ug"));
    }

    @Test
    void stopsWhenNoPairIsFrequentEnough() {
        BpeModel m = new BpeTrainer(new BpeTrainer.Options(1000, PreTokenizer.GPT2, 5), 1)
                .train(3, i -> "abc", TaskContext.NONE);
        assertThat(m.size()).isEqualTo(256);
        BpeModel once = new BpeTrainer(new BpeTrainer.Options(1000, PreTokenizer.GPT2, 3), 1)
                .train(3, i -> "abc", TaskContext.NONE);
        assertThat(merges(once)).containsExactly("a+b=3", "ab+c=3");
    }

    @Test
    void aTokenReachedTwiceKeepsOneId() {
        // "ab c" and "a bc" both build "abc": the second merge reuses the first's id
        List<String> texts = repeat("abx", 9, "bcy", 8, "abc", 3, "zbc", 7);
        BpeModel m = train(texts, 300, PreTokenizer.GPT2, 1);
        long abc = 0;
        for (int id = 0; id < m.size(); id++) {
            if ("abc".equals(m.text(id))) {
                abc++;
            }
        }
        assertThat(abc).isEqualTo(1);
        assertThat(m.count(m.idOf("abc"))).isEqualTo(3);
    }

    @Property(tries = 60)
    void incrementalCountsChooseTheSameMergesAsRecountingEveryPair(
            @ForAll @Size(min = 1, max = 30) List<@StringLength(max = 12) @net.jqwik.api.constraints.Chars({'a', 'b', 'c', ' ', 'é'}) String> texts,
            @ForAll @IntRange(min = 256, max = 320) int vocab) {
        BpeModel fast = train(texts, vocab, PreTokenizer.GPT2, 1);
        List<int[]> naive = NaiveBpe.merges(texts, vocab, PreTokenizer.GPT2);
        assertThat(fast.merges()).hasSameSizeAs(naive);
        for (int i = 0; i < naive.size(); i++) {
            Merge m = fast.merges().get(i);
            assertThat(new int[] {m.left(), m.right(), m.result(), (int) m.count()}).as("merge %d", i).containsExactly(naive.get(i));
        }
    }

    @Property(tries = 100)
    void decodingAnEncodingGivesTheTextBack(@ForAll @StringLength(max = 80) String text) {
        BpeModel m = model();
        String clean = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(m.decode(m.encode(clean))).isEqualTo(clean);
    }

    private static BpeModel shared;

    private static synchronized BpeModel model() {
        if (shared == null) {
            shared = train(repeat("the cat sat on the mat", 5, "hello world 12345 éé", 3, "  indented\tcode();", 4), 300,
                    PreTokenizer.GPT2, 1);
        }
        return shared;
    }

    @Test
    void countsAreTheTrainingTextsEncodedByTheModel() throws Exception {
        List<String> texts = FixtureTexts.all().subList(0, 300);
        BpeModel m = train(texts, 1000, PreTokenizer.LLAMA3, 2);
        long[] counted = new long[m.size()];
        for (String t : texts) {
            for (int id : m.encode(t)) {
                counted[id]++;
            }
        }
        long[] model = new long[m.size()];
        for (int id = 0; id < m.size(); id++) {
            model[id] = m.count(id);
        }
        assertThat(model).containsExactly(counted);
    }

    @Test
    void moreThreadsTrainTheSameModel() throws Exception {
        List<String> texts = FixtureTexts.all();
        BpeModel one = train(texts, 800, PreTokenizer.GPT2, 1);
        BpeModel two = train(texts, 800, PreTokenizer.GPT2, 2);
        assertThat(two.merges()).isEqualTo(one.merges());
        assertThat(two.size()).isEqualTo(800);
    }

    @Test
    void splitDigitsKeepsDigitsApartAndWhitespaceRunsBecomeTokens() {
        List<String> texts = repeat("x 2024 and 1999 then\n        return 1;", 20);
        BpeModel split = train(texts, 400, new PreTokenizer(PreTokenizer.Style.LLAMA3, true, true), 1);
        BpeModel runs = train(texts, 400, new PreTokenizer(PreTokenizer.Style.LLAMA3, false, true), 1);
        BpeModel single = train(texts, 400, new PreTokenizer(PreTokenizer.Style.LLAMA3, false, false), 1);
        for (int id = 256; id < split.size(); id++) {
            String t = split.text(id);
            assertThat(t == null || !t.matches(".*\\d\\d.*")).as("token %s", t).isTrue();
        }
        assertThat(runs.idOf("202")).isPositive();
        assertThat(runs.idOf("ĠĠĠĠĠĠĠ")).isPositive();
        for (int id = 256; id < single.size(); id++) {
            String t = single.text(id);
            assertThat(t == null || !t.contains("  ")).as("token %s", t).isTrue();
        }
    }

    @Test
    void cancellingStopsTraining() {
        TaskContext cancelled = new TaskContext() {
            @Override
            public void progress(long done, long total) {
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThatThrownBy(() -> new BpeTrainer(new BpeTrainer.Options(300, PreTokenizer.GPT2), 2)
                .train(1000, i -> "some text " + i, cancelled)).isInstanceOf(CancellationException.class);
    }

    /** The textbook algorithm: recount every pair of every piece before each merge. */
    static final class NaiveBpe {
        static List<int[]> merges(List<String> texts, int vocab, PreTokenizer pre) {
            Map<String, Integer> freq = new HashMap<>();
            java.util.regex.Pattern p = pre.pattern();
            for (String t : texts) {
                PreTokenizer.split(p, t, piece -> freq.merge(piece, 1, Integer::sum));
            }
            List<List<Integer>> words = new ArrayList<>();
            List<Integer> f = new ArrayList<>();
            for (Map.Entry<String, Integer> e : freq.entrySet()) {
                List<Integer> w = new ArrayList<>();
                for (byte b : e.getKey().getBytes(StandardCharsets.UTF_8)) {
                    w.add(b & 0xFF);
                }
                words.add(w);
                f.add(e.getValue());
            }
            List<byte[]> tokens = new ArrayList<>();
            for (int b = 0; b < 256; b++) {
                tokens.add(new byte[] {(byte) b});
            }
            List<int[]> out = new ArrayList<>();
            java.util.Set<Long> done = new java.util.HashSet<>();
            while (tokens.size() < vocab) {
                Map<Long, Long> counts = new HashMap<>();
                for (int w = 0; w < words.size(); w++) {
                    List<Integer> s = words.get(w);
                    for (int i = 0; i + 1 < s.size(); i++) {
                        counts.merge(((long) s.get(i) << 32) | s.get(i + 1), (long) f.get(w), Long::sum);
                    }
                }
                long best = -1;
                long bestCount = 0;
                for (Map.Entry<Long, Long> e : counts.entrySet()) {
                    if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                        best = e.getKey();
                        bestCount = e.getValue();
                    }
                }
                if (bestCount < 1) {
                    break;
                }
                int a = (int) (best >>> 32);
                int b = (int) best;
                byte[] joined = new byte[tokens.get(a).length + tokens.get(b).length];
                System.arraycopy(tokens.get(a), 0, joined, 0, tokens.get(a).length);
                System.arraycopy(tokens.get(b), 0, joined, tokens.get(a).length, tokens.get(b).length);
                int c = -1;
                for (int id = 0; id < tokens.size(); id++) {
                    if (Arrays.equals(tokens.get(id), joined)) {
                        c = id;
                    }
                }
                if (c < 0) {
                    c = tokens.size();
                    tokens.add(joined);
                }
                if (done.add(best)) {
                    out.add(new int[] {a, b, c, (int) bestCount});
                }
                for (List<Integer> s : words) {
                    for (int i = 0; i + 1 < s.size(); i++) {
                        if (s.get(i) == a && s.get(i + 1) == b) {
                            s.set(i, c);
                            s.remove(i + 1);
                        }
                    }
                }
            }
            return out;
        }
    }
}
