package org.loupe.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsoupMainTextExtractorTest {
    private final HtmlTextExtractor extractor = new JsoupMainTextExtractor();

    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of("paragraphs become lines", "<p>One</p><p>Two</p>", "One\nTwo"),
                Arguments.of("br becomes a line break", "<p>first<br>second<br/>third</p>", "first\nsecond\nthird"),
                Arguments.of("headings are lines", "<h1>Title</h1><h2>Sub</h2><p>text</p>", "Title\nSub\ntext"),
                Arguments.of("list items are lines", "<ul><li>one</li><li>two</li></ul><ol><li>three</li></ol>",
                        "one\ntwo\nthree"),
                Arguments.of("table rows are lines, cells joined by a space",
                        "<table><tr><th>Name</th><th>Year</th></tr><tr><td>Ada</td><td>1815</td></tr></table>",
                        "Name Year\nAda 1815"),
                Arguments.of("entities are decoded", "<p>Fish &amp; chips &lt;3 caf&eacute; &#8364;5 &quot;q&quot;</p>",
                        "Fish & chips <3 café €5 \"q\""),
                Arguments.of("whitespace collapses inside a line", "<p>  lots   of\n\t space&nbsp;&nbsp;here  </p>",
                        "lots of space here"),
                Arguments.of("inline elements do not split lines", "<p>Hello <b>bold</b> and <i>it</i>alic <a href=x>link</a></p>",
                        "Hello bold and italic link"),
                Arguments.of("blank blocks leave no blank lines", "<div> </div><p>x</p><div>\n\n</div><p></p><p>y</p>", "x\ny"),
                Arguments.of("script and style are dropped",
                        "<p>a</p><script>var x = '<p>no</p>';</script><style>p { color: red }</style><p>b</p>", "a\nb"),
                Arguments.of("noscript, template, iframe and svg are dropped",
                        "<noscript>enable JS</noscript><template><p>t</p></template><iframe>f</iframe>"
                                + "<svg><text>s</text></svg><p>kept</p>", "kept"),
                Arguments.of("nav is dropped", "<nav><a href=/>Home</a> <a href=/a>About</a></nav><p>Body text</p>", "Body text"),
                Arguments.of("footer is dropped", "<p>Body text</p><footer>© 2024 Example Inc.</footer>", "Body text"),
                Arguments.of("site header is dropped", "<header><a href=/>Example</a></header><p>Body text</p>", "Body text"),
                Arguments.of("an article's header is kept", "<article><header><h1>Headline</h1></header><p>Story</p></article>",
                        "Headline\nStory"),
                Arguments.of("aside is dropped", "<p>Body</p><aside>Related posts</aside>", "Body"),
                Arguments.of("forms and their controls are dropped",
                        "<form><label>Email</label><input name=e><select><option>A</option></select></form>"
                                + "<button>Subscribe</button><p>Body</p>", "Body"),
                Arguments.of("hidden elements are dropped",
                        "<p hidden>h1</p><p style=\"DISPLAY: none\">h2</p><p style=\"visibility:hidden\">h3</p>"
                                + "<span aria-hidden=\"true\">h4</span><p>shown</p>", "shown"),
                Arguments.of("skip links and screen-reader-only text are dropped",
                        "<a class=\"skip-link screen-reader-text\" href=#content>Skip to content</a>"
                                + "<span class=sr-only>(current)</span><p>x</p>", "x"),
                Arguments.of("landmark roles of page furniture are dropped",
                        "<div role=navigation>Menu</div><div role=banner>Logo</div><div role=contentinfo>Legal</div><p>x</p>",
                        "x"),
                Arguments.of("class and id hints drop boilerplate",
                        "<div class=\"site-footer\">f</div><div id=cookie-banner>We use cookies</div>"
                                + "<ol class=breadcrumbs><li>Home</li></ol><div class=\"main_nav\">n</div>"
                                + "<div class=\"share-buttons social\">s</div><div id=sidebar-left>sb</div><p>x</p>", "x"),
                Arguments.of("hints match whole parts only", "<p class=\"navigate shared menus\">kept</p>", "kept"),
                Arguments.of("state classes are not hints", "<div class=\"has-sidebar no-menu\"><p>kept</p></div>", "kept"),
                Arguments.of("a hinted wrapper of the main content is kept",
                        "<div class=\"content-with-sidebar\"><main><p>kept</p></main><div class=sidebar>gone</div></div>",
                        "kept"),
                Arguments.of("the title is not repeated",
                        "<html><head><title>Page</title></head><body><h1>Page</h1><p>x</p></body></html>", "Page\nx"),
                Arguments.of("pre keeps its lines", "<pre>line one\n   line  two\n\n</pre>", "line one\nline two"),
                Arguments.of("nested blocks give one line each",
                        "<div><div><p>a</p></div><blockquote>b</blockquote></div><section><p>c</p></section>", "a\nb\nc"),
                Arguments.of("an empty page has no text", "<html><body></body></html>", ""),
                Arguments.of("text outside any tag is kept", "just text", "just text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void extractsTheMainText(String behaviour, String html, String expected) {
        assertThat(extractor.extract(html, "https://example.org/")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void linesAreTrimmedAndNeverBlank(String behaviour, String html, String ignored) {
        String text = extractor.extract(html, null);
        assertThat(text.lines()).allSatisfy(line -> {
            assertThat(line).isNotBlank();
            assertThat(line).isEqualTo(line.strip());
            assertThat(line).doesNotContain("  ");
        });
        assertThat(text).doesNotEndWith("\n");
    }

    @Test
    void nullOrEmptyHtmlHasNoText() {
        assertThat(extractor.extract("", null)).isEmpty();
        assertThat(extractor.extract(null, null)).isEmpty();
    }

    @Test
    void deeplyNestedMarkupDoesNotOverflowTheStack() {
        String html = "<div>".repeat(20_000) + "deep" + "</div>".repeat(20_000);
        assertThat(extractor.extract(html, null)).isEqualTo("deep");
    }

    @Test
    void hintWordsAreMatchedAsWholeDashOrUnderscoreSeparatedParts() {
        assertThat(JsoupMainTextExtractor.hasHint("page-footer")).isTrue();
        assertThat(JsoupMainTextExtractor.hasHint("x  Nav_Main")).isTrue();
        assertThat(JsoupMainTextExtractor.hasHint("navigate")).isFalse();
        assertThat(JsoupMainTextExtractor.hasHint("has-sidebar")).isFalse();
        assertThat(JsoupMainTextExtractor.hasHint("")).isFalse();
    }
}
