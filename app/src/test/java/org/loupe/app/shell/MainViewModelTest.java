package org.loupe.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.context.AppContext;
import org.loupe.app.TestFolders;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.engine.read.ProblemKind;

class MainViewModelTest {
    @TempDir
    Path tmp;

    private MainViewModel model(Path workspace) {
        return new MainViewModel(AppContext.create(workspace, new ImmediateTaskRunner()));
    }

    @Test
    void openingAFolderSamplesItAndFillsBrowseAndProblems() throws Exception {
        Path folder = TestFolders.shards(tmp.resolve("data"), 50);
        MainViewModel model = model(tmp.resolve("ws"));
        model.sampleSizeProperty().set(30);
        model.seedProperty().set(7);

        model.openFolder(folder);

        assertThat(model.sampleProperty().get()).isNotNull();
        assertThat(model.browse().rows()).hasSize(30);
        assertThat(model.browse().source().isPreview()).isFalse();
        assertThat(model.problems().allProblems()).extracting(p -> p.kind())
                .containsExactlyInAnyOrder(ProblemKind.INVALID_JSON, ProblemKind.NULL_TEXT);
        assertThat(model.statusProperty().get()).contains("sample 30 of 101 documents").contains("tokens (r50k_base");
        assertThat(model.browse().source().tokens(0)).isPositive();
        assertThat(model.browse().source().language(0)).isEqualTo("en");
        assertThat(model.firstRowsMillisProperty().get()).isNotNull();
    }

    @Test
    void selectingARowShowsItsDocument() throws Exception {
        Path folder = TestFolders.shards(tmp.resolve("data"), 10);
        MainViewModel model = model(tmp.resolve("ws"));
        model.openFolder(folder);

        int row = model.browse().rows().get(3);
        model.browse().selectedRowProperty().set(row);

        assertThat(model.document().displayTextProperty().get()).isEqualTo(model.sampleProperty().get().document(row).text());
        assertThat(model.document().metadata()).anySatisfy(m -> assertThat(m.key()).isEqualTo("lang"));
    }

    @Test
    void resamplingWithAnotherSeedChangesTheSampleAndTheSameSeedRestoresIt() throws Exception {
        Path folder = TestFolders.shards(tmp.resolve("data"), 100);
        MainViewModel model = model(tmp.resolve("ws"));
        model.sampleSizeProperty().set(20);
        model.openFolder(folder);
        var first = ids(model);

        model.seedProperty().set(99);
        model.resample();
        var second = ids(model);
        model.seedProperty().set(42);
        model.resample();

        assertThat(second).isNotEqualTo(first);
        assertThat(ids(model)).isEqualTo(first);
    }

    @Test
    void filterNarrowsTheTableByHost() throws Exception {
        Path folder = TestFolders.shards(tmp.resolve("data"), 70);
        MainViewModel model = model(tmp.resolve("ws"));
        model.openFolder(folder);

        model.browse().filterProperty().set("site3.example");

        assertThat(model.browse().rows()).isNotEmpty().allSatisfy(r ->
                assertThat(model.browse().source().host(r)).isEqualTo("site3.example.org"));
        assertThat(model.browse().countTextProperty().get()).contains("of 141 documents");
    }

    @Test
    void aMissingFolderIsReportedNotThrown() {
        MainViewModel model = model(tmp.resolve("ws"));
        model.openFolder(tmp.resolve("does-not-exist"));
        assertThat(model.errorProperty().get()).contains("does-not-exist");
        assertThat(model.sampleProperty().get()).isNull();
    }

    @Test
    void theInputFolderIsNeverWritten() throws Exception {
        Path folder = TestFolders.shards(tmp.resolve("data"), 20);
        var before = org.loupe.engine.testing.FolderListing.of(folder);
        MainViewModel model = model(tmp.resolve("ws"));
        model.openFolder(folder);
        model.browse().selectedRowProperty().set(0);
        assertThat(org.loupe.engine.testing.FolderListing.of(folder)).isEqualTo(before);
    }

    @Test
    void recentFoldersRememberTheLastOpened() throws Exception {
        Path a = TestFolders.shards(tmp.resolve("a"), 5);
        Path b = TestFolders.shards(tmp.resolve("b"), 5);
        MainViewModel model = model(tmp.resolve("ws"));
        model.openFolder(a);
        model.openFolder(b);
        assertThat(model(tmp.resolve("ws")).recentFolders()).containsExactly(b, a);
    }

    private static java.util.List<String> ids(MainViewModel model) {
        var s = model.sampleProperty().get();
        return java.util.stream.IntStream.range(0, s.size()).mapToObj(s::id).toList();
    }

}
