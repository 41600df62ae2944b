package org.loupe.engine.measure.badwords;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class C4BadWordsMeasureTest {
    /** The lists the assets module ships (tests run in the pipeline-engine folder). */
    static final Path LISTS = Path.of("../assets/src/main/resources/org/loupe/assets/badwords");

    private static final C4BadWordsMeasure SHIPPED =
            new C4BadWordsMeasure(C4BadWordsMeasure.directoryLoader(LISTS), doc -> null, "en");

    private static double[] measure(C4BadWordsMeasure m, String text, String lang) {
        double[] out = new double[C4BadWordsMeasure.METRICS.size()];
        m.measure(text, lang, out);
        return out;
    }

    @ParameterizedTest(name = "[{1}] \"{0}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            The cat sat on the mat.               | en | 0
            you are an ass.                       | en | 1
            ass at the start                      | en | 1
            ends with ass                         | en | 1
            A classic glass of bass               | en | 0
            assassin                              | en | 0
            SHOUTING ASS!                         | en | 1
            ass_hat                               | en | 0
            éass                                  | en | 0
            (ass)                                 | en | 1
            watch 2 girls 1 cup now               | en | 1
            anal-retentive                        | en | 1
            analysis                              | en | 0
            这是三级片的广告                         | zh | 1
            这是一个好人                             | zh | 0
            性别平等                                | zh | 0
            女の子が好き                             | ja | 0
            culo                                  | es | 0
            mierda                                | es | 0
            """)
    void shippedListsMatchWholeWordsOrSubstringsByLanguage(String text, String lang, int expected) {
        assertThat(measure(SHIPPED, text, lang)[0]).isEqualTo(expected);
    }

    @Test
    void aCombiningMarkIsANonWordCharacterAsInPython() {
        // Python's \w is str.isalnum() or '_': combining marks are \W (Java's Unicode \w would say word).
        assertThat(measure(SHIPPED, "ass\u0301", "en")[0]).isEqualTo(1);
    }

    @Test
    void offsetIsTheCodePointOffsetOfTheLeftmostMatch() {
        double[] out = measure(SHIPPED, "😀😀 so you ass", "en");
        assertThat(out[0]).isEqualTo(1);
        assertThat(out[1]).isEqualTo(9); // the space before "ass" (the boundary character belongs to the match)
        assertThat(measure(SHIPPED, "ass", "en")[1]).isEqualTo(0);
        assertThat(measure(SHIPPED, "clean", "en")[1]).isNaN();
    }

    @Test
    void missingLanguageUsesTheDefaultLanguage() {
        assertThat(measure(SHIPPED, "you ass", null)[0]).isEqualTo(1);
        C4BadWordsMeasure german = new C4BadWordsMeasure(C4BadWordsMeasure.directoryLoader(LISTS), doc -> null, "de");
        assertThat(measure(german, "you ass", null)[0]).isEqualTo(0);
    }

    @Test
    void aLanguageWithoutListIsFlaggedUnknown() {
        double[] out = measure(SHIPPED, "you ass", "xx");
        assertThat(out[2]).isEqualTo(1);
        assertThat(out[0]).isEqualTo(0);
        assertThat(measure(SHIPPED, "you ass", "en")[2]).isEqualTo(0);
    }

    @Test
    void emptyLinesDoNotBecomeAnEmptyAlternative() {
        Function<String, List<String>> loader = lang -> List.of("", "foo", "   ", "sm");
        C4BadWordsMeasure m = new C4BadWordsMeasure(loader, doc -> null, "en");
        assertThat(measure(m, "a  b -- c", "en")[0]).isEqualTo(0);
        assertThat(measure(m, "a foo b", "en")[0]).isEqualTo(1);
        assertThat(measure(m, "sm", "en")[0]).as("allow-list").isEqualTo(0);
    }

    @Test
    void everyShippedListHasNoEmptyEntryAndEveryReferenceLanguageIsShipped() throws Exception {
        for (String lang : C4BadWordsMeasure.LANGUAGES) {
            List<String> lines = java.nio.file.Files.readAllLines(LISTS.resolve(lang + ".txt"));
            assertThat(lines).as(lang).isNotEmpty().noneMatch(String::isBlank);
            assertThat(SHIPPED.pattern(lang)).as(lang).isPresent();
        }
    }

    @Test
    void theClasspathLoaderReportsAMissingResourceClearly() {
        // the engine's own test classpath does not hold the assets module
        Function<String, List<String>> loader = C4BadWordsMeasure.classpathLoader(C4BadWordsMeasureTest.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.apply("en"))
                .hasMessageContaining("/org/loupe/assets/badwords/en.txt");
        assertThat(loader.apply("xx")).isNull();
    }
}
