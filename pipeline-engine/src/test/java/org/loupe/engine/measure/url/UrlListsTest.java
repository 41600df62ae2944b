package org.loupe.engine.measure.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlListsTest {

    @Test
    void normalizeRemovesNonAlphanumericsAndLowerCases() {
        assertThat(UrlLists.normalize("Hot-Girls_2 ü!")).isEqualTo("hotgirls2");
    }

    @Test
    void urlWordsSplitOnNonAlphanumericsKeepCaseAndEdgeEmpties() {
        assertThat(UrlLists.urlWords("https://x.com/PORN-videos/")).containsExactlyInAnyOrder("https", "x", "com", "PORN", "videos", "");
    }

    @Test
    void wordFilesSkipHashLinesAndBlankLinesAndNormalise(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("words.txt");
        Files.writeString(f, "# a comment\n#mong\nHot-Stuff\n\n   \n #notacomment\nXXX\r\n");
        assertThat(UrlLists.read("banned_words_file", f.toString(), true))
                .containsExactly("hotstuff", "notacomment", "xxx");
    }

    @Test
    void domainFilesAreOnlyStripped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("domains");
        Files.writeString(f, "#comment.com\n  bad-site.com  \n\nSub.Bad.ORG\n");
        assertThat(UrlLists.read("block_domains_file", f.toString(), false)).containsExactly("bad-site.com", "Sub.Bad.ORG");
    }

    @Test
    void inlineListsFollowTheSameRules() {
        assertThat(UrlLists.parse(List.of("#x", "Foo Bar", "", "--"), true)).containsExactly("foobar");
    }

    @Test
    void missingListFileNamesTheFileAndTheParameter(@TempDir Path dir) {
        String missing = dir.resolve("nope.txt").toString();
        assertThatThrownBy(() -> UrlLists.read("soft_banned_words_file", missing, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("soft_banned_words_file")
                .hasMessageContaining(missing);
    }

    @Test
    void aFolderIsNotAListFile(@TempDir Path dir) {
        assertThatThrownBy(() -> UrlLists.read("block_urls_file", dir.toString(), false))
                .hasMessageContaining("block_urls_file").hasMessageContaining(dir.toString());
    }
}
