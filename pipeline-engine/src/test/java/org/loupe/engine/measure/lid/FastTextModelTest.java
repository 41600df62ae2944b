package org.loupe.engine.measure.lid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prediction details on lid.176.ftz. Expected values come from fastText's Python binding (0.9.2) on the same file;
 * the probabilities are the float32 values it returns, so the comparisons are exact.
 */
class FastTextModelTest {
    private static List<ScoredLabel> predict(String text, int k) {
        return Lid176.model().predict(text, k);
    }

    @Test
    void lid176IsAQuantizedHierarchicalSoftmaxModel() {
        FastTextModel m = Lid176.model();
        assertThat(m.isQuantized()).isTrue();
        assertThat(m.loss()).isEqualTo(FastTextModel.Loss.HIERARCHICAL_SOFTMAX);
        assertThat(m.dimension()).isEqualTo(16);
    }

    @Test
    void emptyTextIsJustTheEndOfLineToken() {
        // fastText still predicts: "" + "\n" reads as the single token </s>, which is in the vocabulary.
        assertThat(predict("", 5)).extracting(ScoredLabel::label, ScoredLabel::probability).containsExactly(
                tuple("__label__en", 0.12450417876243591f), tuple("__label__ca", 0.08594832569360733f),
                tuple("__label__de", 0.0802881047129631f), tuple("__label__oc", 0.054167523980140686f),
                tuple("__label__fr", 0.05338495597243309f));
        // Blanks only, and a word with no known n-gram, leave the same single row.
        assertThat(predict(" \t\r ", 5)).isEqualTo(predict("", 5));
        assertThat(predict("xxxxx", 5)).isEqualTo(predict("", 5));
    }

    @Test
    void theEndOfLineTokenCountsInTheAverage() {
        assertThat(predict("hello", 3)).extracting(ScoredLabel::label, ScoredLabel::probability).containsExactly(
                tuple("__label__en", 0.24247202277183533f), tuple("__label__fr", 0.0951116755604744f),
                tuple("__label__ru", 0.04881114512681961f));
        assertThat(predict("hello world", 3)).extracting(ScoredLabel::probability).containsExactly(
                0.17635808885097504f, 0.09927311539649963f, 0.08006580919027328f);
    }

    @Test
    void tokensAreSplitOnAsciiBlanksOnly() {
        assertThat(predict("  hello\t", 3)).isEqualTo(predict("hello", 3));
        assertThat(predict("hello world\r", 3)).isEqualTo(predict("hello world", 3));
        assertThat(predict("hello\u000bworld\f", 3)).isEqualTo(predict("hello world", 3));
        assertThat(predict("hello\u0000world", 3)).isEqualTo(predict("hello world", 3));
        // A no-break space is not a separator for fastText.
        assertThat(predict("hello\u00a0world", 3)).isNotEqualTo(predict("hello world", 3));
    }

    @Test
    void aNewlineOrALiteralEndOfSentenceTokenEndsTheLine() {
        assertThat(predict("hello\nworld", 3)).isEqualTo(predict("hello", 3));
        assertThat(predict("hello </s> world", 3)).isEqualTo(predict("hello", 3));
    }

    @Test
    void labelTokensInTheTextAreIgnored() {
        assertThat(predict("__label__fr hello", 3)).isEqualTo(predict("hello", 3));
        assertThat(predict("__label__nosuchlabel hello", 3)).isEqualTo(predict("hello", 3));
    }

    @Test
    void multiByteTextAndTheSmoothedProbabilityAboveOne() {
        assertThat(predict("Zürich ist schön", -1)).extracting(ScoredLabel::label, ScoredLabel::probability)
                .containsExactly(tuple("__label__de", 1.0000205039978027f), tuple("__label__fi", 1.0481202480150387e-05f));
        List<ScoredLabel> ja = predict("日本語のテキスト", 3);
        assertThat(ja).extracting(ScoredLabel::label).containsExactly("__label__ja", "__label__zh", "__label__en");
        assertThat(ja.get(0).probability()).isEqualTo(0.991578937f);
    }

    @Test
    void allLabelsMeansThoseAboveTheSmoothingFloor() {
        // fastText's Python binding returns 168 labels for "" and 63 for "Bonjour le monde" with k=-1.
        assertThat(predict("", -1)).hasSize(168);
        List<ScoredLabel> fr = predict("Bonjour le monde", -1);
        assertThat(fr).hasSize(63);
        assertThat(fr.get(0).label()).isEqualTo("__label__fr");
        assertThat(fr.get(0).probability()).isEqualTo(0.95014542f);
        for (int i = 1; i < fr.size(); i++) {
            assertThat(fr.get(i).logProbability()).isLessThanOrEqualTo(fr.get(i - 1).logProbability());
        }
        assertThat(predict("Bonjour le monde", 5)).isEqualTo(fr.subList(0, 5));
    }

    @Test
    void thresholdDropsLessProbableLabels() {
        assertThat(Lid176.model().predict("Bonjour le monde", -1, 0.01f)).extracting(ScoredLabel::label)
                .containsExactly("__label__fr", "__label__en");
    }

    @Test
    void badKIsRejected() {
        assertThatThrownBy(() -> predict("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> predict("x", -2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notAModelFileOrATruncatedOneIsAnIOException() throws IOException {
        assertThatThrownBy(() -> FastTextModel.load(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
                .isInstanceOf(IOException.class).hasMessageContaining("magic");
        byte[] whole = Files.readAllBytes(Lid176.FILE);
        assertThatThrownBy(() -> FastTextModel.load(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length / 2))))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        byte[] v11 = whole.clone();
        v11[4] = 11;
        assertThatThrownBy(() -> FastTextModel.load(new ByteArrayInputStream(v11)))
                .isInstanceOf(IOException.class).hasMessageContaining("version 11");
    }
}
