package org.loupe.analysis.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loupe.engine.task.TaskContext;

/**
 * The exported {@code tokenizer.json} is loaded by Hugging Face's own tokenizers library (the Rust one, through
 * DJL's binding) and must encode every reference document exactly as our encoder does.
 */
class HuggingFaceExportTest {

    static List<PreTokenizer> preTokenizers() {
        return List.of(PreTokenizer.GPT2, PreTokenizer.LLAMA3,
                new PreTokenizer(PreTokenizer.Style.GPT2, true, false),
                new PreTokenizer(PreTokenizer.Style.LLAMA3, true, false));
    }

    private static final List<String> TRICKY = List.of(
            "", " ", "   leading and trailing   ", "tabs\tand\t\ttabs", "line\r\nbreaks\n\n\nand  spaces",
            "non\u00a0breaking\u2003em space\u3000ideographic", "Ünïcödé façade naïve", "日本語のテキスト、句読点。",
            "emoji 😀👍🏽 and flags 🇫🇷", "I'm you're they'LL it'S", "digits 1234567 3.14159 -42 ١٢٣",
            "<div class=\"x\">&nbsp;</div>", "    def f(x):\n        return x  # comment\n", "mixed Кириллица and latin");

    @ParameterizedTest
    @MethodSource("preTokenizers")
    void huggingFaceEncodesTheReferenceDocumentsAsWeDo(PreTokenizer pre, @TempDir Path tmp) throws Exception {
        List<String> texts = FixtureTexts.all();
        BpeModel model = new BpeTrainer(new BpeTrainer.Options(2000, pre), 2).train(texts.size(), texts::get, TaskContext.NONE);
        Path file = tmp.resolve("tokenizer.json");
        Files.writeString(file, model.toHuggingFaceJson());

        List<String> probe = new ArrayList<>(texts);
        probe.addAll(TRICKY);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file)
                .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
            int checked = 0;
            for (String text : probe) {
                Encoding e = hf.encode(text);
                int[] ours = model.encode(text);
                long[] theirs = e.getIds();
                assertThat(toInts(theirs)).as("document %d: %s", checked, firstDifference(model, ours, toInts(theirs)))
                        .containsExactly(ours);
                assertThat(hf.decode(theirs)).isEqualTo(model.decode(ours));
                checked++;
            }
            assertThat(checked).isEqualTo(texts.size() + TRICKY.size());
        }
    }

    @ParameterizedTest
    @MethodSource("preTokenizers")
    void anExportedTokenizerReadsBackEqual(PreTokenizer pre) throws Exception {
        List<String> texts = FixtureTexts.all().subList(0, 200);
        BpeModel model = new BpeTrainer(new BpeTrainer.Options(600, pre), 1).train(texts.size(), texts::get, TaskContext.NONE);
        BpeModel back = BpeModel.fromHuggingFaceJson(model.toHuggingFaceJson());
        assertThat(back.preTokenizer()).isEqualTo(pre);
        assertThat(back.size()).isEqualTo(model.size());
        assertThat(back.merges()).extracting(m -> List.of(m.left(), m.right(), m.result()))
                .isEqualTo(model.merges().stream().map(m -> List.of(m.left(), m.right(), m.result())).toList());
        for (String t : texts.subList(0, 20)) {
            assertThat(back.encode(t)).containsExactly(model.encode(t));
        }
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** Where two encodings part, as tokens (a readable failure message). */
    private static String firstDifference(BpeModel model, int[] ours, int[] theirs) {
        int i = 0;
        while (i < ours.length && i < theirs.length && ours[i] == theirs[i]) {
            i++;
        }
        StringBuilder sb = new StringBuilder("first difference at token " + i + ": ours");
        for (int k = i; k < Math.min(ours.length, i + 6); k++) {
            sb.append(" [").append(model.display(ours[k])).append(']');
        }
        sb.append(" / theirs");
        for (int k = i; k < Math.min(theirs.length, i + 6); k++) {
            sb.append(" [").append(model.display(theirs[k])).append(']');
        }
        return sb.toString();
    }
}
