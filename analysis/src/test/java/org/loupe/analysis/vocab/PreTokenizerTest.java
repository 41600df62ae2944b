package org.loupe.analysis.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written scanner finds exactly the pieces of the regular expression it stands for. */
class PreTokenizerTest {

    static List<PreTokenizer> all() {
        List<PreTokenizer> out = new ArrayList<>();
        for (PreTokenizer.Style style : PreTokenizer.Style.values()) {
            for (boolean digits : new boolean[] {false, true}) {
                for (boolean runs : new boolean[] {false, true}) {
                    out.add(new PreTokenizer(style, digits, runs));
                }
            }
        }
        return out;
    }

    private static List<String> scanner(PreTokenizer pre, String text) {
        List<String> out = new ArrayList<>();
        pre.split(text, out::add);
        return out;
    }

    private static List<String> regex(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        PreTokenizer.split(p, text, out::add);
        return out;
    }

    @Test
    void theScannerAgreesWithTheExpressionOnEveryReferenceDocument() throws Exception {
        List<String> texts = FixtureTexts.all();
        for (PreTokenizer pre : all()) {
            Pattern p = pre.pattern();
            for (int i = 0; i < texts.size(); i++) {
                assertThat(scanner(pre, texts.get(i))).as("%s, document %d", pre.describe(), i).isEqualTo(regex(p, texts.get(i)));
            }
        }
    }

    @Provide
    Arbitrary<String> tricky() {
        return Arbitraries.strings().withChars("aZé' \t\n\r\u00a0\u2003\u3000\u0085sStTrReEvVmMlLdDſ0129١½Ⅻ.,;!?-_()<>\"日本\u0301")
                .withCharRange('\ud83d', '\ud83d').withChars('\ude00').ofMaxLength(40);
    }

    @Property(tries = 3000)
    void theScannerAgreesWithTheExpressionOnGeneratedText(@ForAll("tricky") String text) {
        for (PreTokenizer pre : all()) {
            assertThat(scanner(pre, text)).as(pre.describe()).isEqualTo(regex(pre.pattern(), text));
        }
    }

    @Test
    void gpt2KeepsTheSpaceWithTheFollowingWordAndLeavesOneSpaceOfARun() {
        assertThat(scanner(PreTokenizer.GPT2, "Hello  world's 2024!!\n\n  x")).containsExactly(
                "Hello", " ", " world", "'s", " 2024", "!!", "\n\n ", " x");
        assertThat(scanner(PreTokenizer.LLAMA3, "I'M here:\n\tcode12345")).containsExactly(
                "I", "'M", " here", ":\n", "\tcode", "123", "45");
        assertThat(scanner(new PreTokenizer(PreTokenizer.Style.LLAMA3, true, false), "a  12")).containsExactly(
                "a", " ", " ", "1", "2");
    }
}
