package org.loupe.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetTest {

    @Test
    void markedEscapesHtmlAndWrapsMatchesInBold() {
        Snippet s = new Snippet("a <b> & cat's cat", List.of(new int[] {8, 13}, new int[] {14, 17}));
        assertThat(s.marked()).isEqualTo("a &lt;b&gt; &amp; <b>cat&#39;s</b> <b>cat</b>");
    }

    @Test
    void matchesOutsideTheTextAreRefused() {
        assertThatThrownBy(() -> new Snippet("abc", List.of(new int[] {2, 5}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void aShortTextIsItsOwnSnippetWithWhitespaceCollapsed() {
        Snippet s = Snippets.of("one\n\n  two   three", List.of(new int[] {7, 10}));
        assertThat(s.text()).isEqualTo("one two three");
        assertThat(s.text().substring(s.matches().get(0)[0], s.matches().get(0)[1])).isEqualTo("two");
    }

    @Test
    void aLongTextGivesAtMostTwoPassagesAroundTheMatchesOfAboutTwoHundredCharacters() {
        StringBuilder b = new StringBuilder();
        List<int[]> matches = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            if (i == 50 || i == 300) {
                matches.add(new int[] {b.length(), b.length() + 6});
                b.append("needle ");
            } else {
                b.append("word").append(i).append(' ');
            }
        }
        Snippet s = Snippets.of(b.toString(), matches);
        String[] passages = s.text().split(" … ");
        assertThat(passages).hasSize(2);
        assertThat(passages).allSatisfy(p -> assertThat(p.length()).isBetween(160, 250));
        assertThat(s.matches()).hasSize(2).allSatisfy(m -> assertThat(s.text().substring(m[0], m[1])).isEqualTo("needle"));
    }

    @Test
    void withoutMatchesTheSnippetIsTheBeginningOfTheText() {
        String text = "word ".repeat(200);
        Snippet s = Snippets.of(text, List.of());
        assertThat(text).startsWith(s.text());
        assertThat(s.text().length()).isBetween(160, 250);
        assertThat(s.matches()).isEmpty();
    }
}
