package org.loupe.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.measure.url.UrlMeasure;
import org.loupe.engine.pipeline.StepParams;
import org.loupe.engine.pipeline.StepConfig;

/** The url step end to end: lists → measure → decision, one URL at a time. */
class UrlStepTest {

    private static StepConfig lists() {
        return StepConfig.of("url")
                .withParam("extra_domains", List.of("badsite.com", "sub.okhost.org", "evil.co.uk"))
                .withParam("extra_urls", List.of("https://fine.com/exactly-this"))
                .withParam("banned_words", List.of("porn", "Casino!"))
                .withParam("soft_banned_words", List.of("hot", "girls", "xxx"))
                .withParam("banned_subwords", List.of("viagra"))
                .withParam("user_regexes", List.of("/wp-admin/", "[?&]sessionid="));
    }

    private static String decide(StepConfig step, String url) {
        Map<String, Object> p = StepParams.of(BuiltinSteps.URL, step).asMap();
        UrlMeasure m = new UrlMeasure(p, doc -> null);
        double[] out = new double[UrlMeasure.METRICS.size()];
        m.measureUrl(url, out);
        MetricTable t = new MetricTable(1);
        for (int i = 0; i < out.length; i++) {
            t.put(MetricTable.name("url", UrlMeasure.METRICS.get(i)), new double[] {out[i]});
        }
        int r = BuiltinSteps.URL.decider("url", StepParams.defaults(BuiltinSteps.URL).with(p), t).decide(0);
        return r < 0 ? "keep" : BuiltinSteps.URL.reasons().get(r);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://www.badsite.com/anything           | domain
            http://badsite.com                         | domain
            badsite.com/no/scheme                      | domain
            https://deep.www.evil.co.uk/x              | domain
            https://sub.okhost.org/page                | subdomain
            https://other.okhost.org/page              | keep
            https://fine.com/exactly-this              | url
            https://fine.com/exactly-this/             | keep
            https://fine.com/porn/page                 | hard_blacklisted
            https://fine.com/PORN/page                 | keep
            https://fine.com/casino                    | hard_blacklisted
            https://fine.com/pornography               | keep
            https://fine.com/hot-girls                 | soft_blacklisted
            https://fine.com/hot-news                  | keep
            https://fine.com/hot/hot/hot               | keep
            https://fine.com/Buy-VIAGRA-now            | blacklisted_subword
            https://fine.com/cheapviagrapills          | blacklisted_subword
            https://fine.com/wp-admin/login            | user_regex
            https://fine.com/a?x=1&sessionid=42        | user_regex
            https://badsite.com/porn-hot-girls-viagra  | domain
            https://fine.com/porn-hot-girls            | hard_blacklisted
            https://fine.com/hot-girls-viagra          | soft_blacklisted
            http://203.0.113.45/porn                   | hard_blacklisted
            http://198.51.100.7:8080/hot/girls         | soft_blacklisted
            http://xn--bcher-schnppchen-4nb63b.de/     | keep
            https://www.example.org/                   | keep
            """)
    void checksRunInTheReferenceOrder(String url, String expected) {
        assertThat(decide(lists(), url)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "threshold {0} -> {1}")
    @CsvSource(textBlock = """
            1, soft_blacklisted
            2, soft_blacklisted
            3, keep
            """)
    void softWordThresholdIsADecisionOnTheCount(int threshold, String expected) {
        assertThat(decide(lists().withParam("soft_word_threshold", threshold), "https://fine.com/hot-girls")).isEqualTo(expected);
    }

    @Test
    void aDocumentWithoutUrlIsKeptAndFlagged() {
        Map<String, Object> p = StepParams.of(BuiltinSteps.URL, lists().withParam("soft_word_threshold", 0)).asMap();
        double[] out = new double[UrlMeasure.METRICS.size()];
        new UrlMeasure(p, doc -> null).measureUrl(null, out);
        assertThat(out[UrlMeasure.METRICS.indexOf("no_url")]).isEqualTo(1);
        assertThat(decide(lists().withParam("soft_word_threshold", 0), "")).isEqualTo("keep");
        assertThat(decide(lists().withParam("soft_word_threshold", 0), "https://fine.com/")).isEqualTo("soft_blacklisted");
    }

    @Test
    void listFilesAndInlineListsAreUnited(@TempDir Path dir) throws Exception {
        Path domains = dir.resolve("domains");
        Files.writeString(domains, "# UT1 adult\nfiledomain.net\n\n");
        Path words = dir.resolve("banned_words.txt");
        Files.writeString(words, "#mong\nspam\n");
        StepConfig step = lists().withParam("block_domains_file", domains.toString()).withParam("banned_words_file", words.toString());
        assertThat(decide(step, "https://www.filedomain.net/")).isEqualTo("domain");
        assertThat(decide(step, "https://badsite.com/")).isEqualTo("domain");
        assertThat(decide(step, "https://fine.com/spam")).isEqualTo("hard_blacklisted");
        assertThat(decide(step, "https://fine.com/mong")).isEqualTo("keep");
    }

    @Test
    void aMissingListFileIsAClearError(@TempDir Path dir) {
        String missing = dir.resolve("no-such-domains").toString();
        Map<String, Object> p = StepParams.of(BuiltinSteps.URL, StepConfig.of("url").withParam("block_domains_file", missing)).asMap();
        assertThatThrownBy(() -> new UrlMeasure(p, doc -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block_domains_file")
                .hasMessageContaining(missing);
    }

    @Test
    void integratedListsAreRefusedWithAnExplanation() {
        Map<String, Object> p = StepParams.of(BuiltinSteps.URL, StepConfig.of("url").withParam("use_integrated_lists", true)).asMap();
        assertThatThrownBy(() -> new UrlMeasure(p, doc -> null)).hasMessageContaining("use_integrated_lists");
    }

    @Test
    void anInvalidUserRegexNamesThePattern() {
        Map<String, Object> p = StepParams.of(BuiltinSteps.URL, StepConfig.of("url").withParam("user_regexes", List.of("(unclosed"))).asMap();
        assertThatThrownBy(() -> new UrlMeasure(p, doc -> null)).hasMessageContaining("user_regexes").hasMessageContaining("(unclosed");
    }

    @Test
    void withoutListsEveryUrlIsKept() {
        assertThat(decide(StepConfig.of("url"), "https://porn.example.com/xxx")).isEqualTo("keep");
    }
}
