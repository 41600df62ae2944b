package org.loupe.app.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The word diff: examples, and for random word lists an edit script that rebuilds both sides and is minimal. */
class WordDiffTest {

    @Test
    void aReplacedAndAnInsertedWordAreMarked() {
        WordDiff.Result d = WordDiff.diff("the quick brown fox jumps", "the quick red fox really jumps", 100);
        assertThat(kinds(d, WordDiff.Kind.DELETE, true)).containsExactly("brown");
        assertThat(kinds(d, WordDiff.Kind.INSERT, false)).containsExactly("red", "really");
        assertThat(d.equal()).isEqualTo(4);
        assertThat(d.truncated()).isFalse();
    }

    @Test
    void whitespaceIsKeptForDisplayButNotCompared() {
        WordDiff.Result d = WordDiff.diff("a  b\nc", "a b c", 100);
        assertThat(d.ops()).allSatisfy(o -> assertThat(o.kind()).isEqualTo(WordDiff.Kind.EQUAL));
        assertThat(d.left()).extracting(WordDiff.Token::text).containsExactly("a  ", "b\n", "c");
        assertThat(WordDiff.tokens("  lead", 10)).containsExactly(new WordDiff.Token("lead", ""));
    }

    @Test
    void onlyTheFirstWordsAreComparedAndTheResultSaysSo() {
        String a = "w ".repeat(5000);
        String b = "w ".repeat(4000) + "x";
        WordDiff.Result d = WordDiff.diff(a, b, 2000);
        assertThat(d.left()).hasSize(2000);
        assertThat(d.truncated()).isTrue();
        assertThat(d.leftWords()).isEqualTo(5000);
        assertThat(d.rightWords()).isEqualTo(4001);
    }

    @Test
    void emptyTextsDiff() {
        assertThat(WordDiff.diff("", "", 10).ops()).isEmpty();
        assertThat(WordDiff.diff("", "a b", 10).inserted()).isEqualTo(2);
        assertThat(WordDiff.diff("a b", " ", 10).deleted()).isEqualTo(2);
    }

    @Test
    void twoLongDifferentTextsDiffQuickly() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            a.append("w").append(r.nextInt(50)).append(' ');
            b.append("w").append(r.nextInt(50)).append(' ');
        }
        long t0 = System.nanoTime();
        WordDiff.Result d = WordDiff.diff(a.toString(), b.toString(), WordDiff.DEFAULT_MAX_WORDS);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
        assertThat(d.left()).hasSize(WordDiff.DEFAULT_MAX_WORDS);
    }

    @Property(tries = 300)
    void applyingTheOpsRebuildsBothTextsAndTheSharedWordsAreALongestCommonSubsequence(
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 5) Integer> x,
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 5) Integer> y) {
        List<String> a = x.stream().map(i -> "w" + i).toList();
        List<String> b = y.stream().map(i -> "w" + i).toList();
        List<WordDiff.Op> ops = WordDiff.ops(a, b);
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        int nextA = 0;
        int nextB = 0;
        for (WordDiff.Op op : ops) {
            switch (op.kind()) {
                case EQUAL -> {
                    assertThat(a.get(op.a())).isEqualTo(b.get(op.b()));
                    left.add(a.get(op.a()));
                    right.add(b.get(op.b()));
                }
                case DELETE -> {
                    assertThat(op.b()).isEqualTo(-1);
                    left.add(a.get(op.a()));
                }
                case INSERT -> {
                    assertThat(op.a()).isEqualTo(-1);
                    right.add(b.get(op.b()));
                }
            }
            if (op.a() >= 0) {
                assertThat(op.a()).isEqualTo(nextA++);
            }
            if (op.b() >= 0) {
                assertThat(op.b()).isEqualTo(nextB++);
            }
        }
        assertThat(left).isEqualTo(a);
        assertThat(right).isEqualTo(b);
        long equal = ops.stream().filter(o -> o.kind() == WordDiff.Kind.EQUAL).count();
        assertThat(equal).isEqualTo(lcs(a, b, 0, 0, new Integer[a.size() + 1][b.size() + 1]));
    }

    /** The LCS length by plain memoized recursion (the oracle). */
    private static int lcs(List<String> a, List<String> b, int i, int j, Integer[][] memo) {
        if (i == a.size() || j == b.size()) {
            return 0;
        }
        if (memo[i][j] == null) {
            memo[i][j] = a.get(i).equals(b.get(j)) ? 1 + lcs(a, b, i + 1, j + 1, memo)
                    : Math.max(lcs(a, b, i + 1, j, memo), lcs(a, b, i, j + 1, memo));
        }
        return memo[i][j];
    }

    private static List<String> kinds(WordDiff.Result d, WordDiff.Kind kind, boolean left) {
        return d.ops().stream().filter(o -> o.kind() == kind)
                .map(o -> left ? d.left().get(o.a()).word() : d.right().get(o.b()).word()).toList();
    }
}
