package org.loupe.app.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.analysis.vocab.BpeModel;
import org.loupe.analysis.vocab.BpeTrainer;
import org.loupe.analysis.vocab.PreTokenizer;
import org.loupe.analysis.vocab.VocabReport;
import org.loupe.app.context.AppContext;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.app.task.ManualTaskRunner;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;
import org.loupe.engine.testing.Golden;

/** Vocabulary without a window, on the 1,107 reference documents under the default pipeline. */
class VocabularyViewModelTest {
    private static final int SIZE = 3000;

    @TempDir
    Path tmp;

    private AppContext context;
    private MainViewModel main;
    private VocabularyViewModel vocab;
    private final List<String> searches = new ArrayList<>();

    @BeforeEach
    void open() {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        context = AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner());
        main = new MainViewModel(context);
        main.openFolder(fixtures);
        assertThat(main.tune().decisionsProperty().get()).isNotNull();
        vocab = new VocabularyViewModel(context, main.session(), searches::add);
        vocab.vocabSizeProperty().set(SIZE);
    }

    private Sample sample() {
        return main.tune().sample();
    }

    private Decisions decisions() {
        return main.tune().decisionsProperty().get();
    }

    private int[] rows(boolean kept) {
        Decisions d = decisions();
        return java.util.stream.IntStream.range(0, d.rows()).filter(r -> d.kept(r) == kept).toArray();
    }

    private BpeModel trainDirectly(int[] rows, PreTokenizer pre) {
        List<String> texts = new ArrayList<>();
        for (int r : rows) {
            texts.add(sample().document(r).text());
        }
        return new BpeTrainer(new BpeTrainer.Options(SIZE, pre), 1).train(texts.size(), texts::get, TaskContext.NONE);
    }

    @Test
    void trainingOnKeptUsesExactlyTheKeptRowsAndFillsTheTablesAsTheReportSortsThem() {
        int[] kept = rows(true);
        assertThat(kept.length).isPositive().isLessThan(1107);

        vocab.train();

        BpeModel m = vocab.modelProperty().get();
        assertThat(m).isNotNull();
        assertThat(vocab.trainingRows()).containsExactly(kept);
        BpeModel direct = trainDirectly(kept, PreTokenizer.GPT2);
        assertThat(m.size()).isEqualTo(direct.size()).isEqualTo(SIZE);
        assertThat(m.merges()).isEqualTo(direct.merges());

        VocabReport report = new VocabReport(direct);
        assertThat(vocab.longestByBytes()).hasSize(VocabularyViewModel.ROWS)
                .isEqualTo(report.longestByBytes(VocabularyViewModel.ROWS))
                .isSortedAccordingTo(Comparator.comparingInt(VocabReport.Token::bytes).reversed()
                        .thenComparing(Comparator.comparingLong(VocabReport.Token::count).reversed())
                        .thenComparingInt(VocabReport.Token::id));
        assertThat(vocab.longestByChars()).isEqualTo(report.longestByChars(VocabularyViewModel.ROWS));
        assertThat(vocab.rarest()).isEqualTo(report.rarest(VocabularyViewModel.ROWS))
                .isSortedAccordingTo(Comparator.comparingLong(VocabReport.Token::count)
                        .thenComparing(Comparator.comparingInt(VocabReport.Token::rank).reversed()));
        assertThat(vocab.flagged()).isNotEmpty().hasSizeLessThanOrEqualTo(VocabularyViewModel.ROWS)
                .isEqualTo(report.flagged().subList(0, vocab.flagged().size()))
                .allSatisfy(t -> assertThat(t.flags()).isNotEmpty());
        assertThat(vocab.summaryProperty().get()).contains(String.format("%,d kept documents", kept.length))
                .contains(String.format("%,d tokens", SIZE));
        assertThat(vocab.trainingProperty().get()).isFalse();
        assertThat(vocab.noticeProperty().get()).isEmpty();
    }

    @Test
    void trainingOnRemovedOrAllWithOtherSettingsUsesThoseRowsAndThatPreTokenizer() {
        PreTokenizer llama = new PreTokenizer(PreTokenizer.Style.LLAMA3, true, false);
        vocab.styleProperty().set(PreTokenizer.Style.LLAMA3);
        vocab.splitDigitsProperty().set(true);
        vocab.whitespaceRunsProperty().set(false);
        vocab.trainOnProperty().set(VocabularyViewModel.Subset.REMOVED);

        vocab.train();

        int[] removed = rows(false);
        assertThat(vocab.trainingRows()).containsExactly(removed);
        assertThat(vocab.modelProperty().get().preTokenizer()).isEqualTo(llama);
        assertThat(vocab.modelProperty().get().merges()).isEqualTo(trainDirectly(removed, llama).merges());

        vocab.trainOnProperty().set(VocabularyViewModel.Subset.ALL);
        vocab.train();
        assertThat(vocab.trainingRows()).hasSize(1107);
    }

    @Test
    void aSelectedTokensDocumentsAreThoseWhoseEncodingHoldsItSplitByTheDecisions() {
        vocab.train();
        BpeModel m = vocab.modelProperty().get();
        VocabReport report = new VocabReport(m);
        List<VocabReport.Token> probes = List.of(report.longestByBytes(1).get(0), report.rarest(1).get(0),
                VocabReport.token(m, m.idOf("Ġthe")), report.flagged().get(0));
        Decisions d = decisions();
        Comparator<VocabularyViewModel.DocumentHit> order = Comparator.comparingInt(VocabularyViewModel.DocumentHit::occurrences)
                .reversed().thenComparingInt(VocabularyViewModel.DocumentHit::row);
        for (VocabReport.Token token : probes) {
            vocab.select(token);

            List<VocabularyViewModel.DocumentHit> kept = new ArrayList<>();
            List<VocabularyViewModel.DocumentHit> removed = new ArrayList<>();
            for (int row = 0; row < sample().size(); row++) {
                int n = 0;
                for (int id : m.encode(sample().document(row).text())) {
                    if (id == token.id()) {
                        n++;
                    }
                }
                if (n > 0) {
                    (d.kept(row) ? kept : removed).add(new VocabularyViewModel.DocumentHit(row, sample().id(row), sample().url(row), n));
                }
            }
            kept.sort(order);
            removed.sort(order);
            assertThat(vocab.selectedProperty().get()).isEqualTo(token);
            assertThat(vocab.keptDocuments()).as(token.display()).isEqualTo(kept);
            assertThat(vocab.removedDocuments()).as(token.display()).isEqualTo(removed);
            assertThat(vocab.documentsSummaryProperty().get()).startsWith(String.format("In %,d of 1,107 documents",
                    kept.size() + removed.size()));
            assertThat(vocab.detailsProperty().get()).contains(String.format("count %,d", token.count()))
                    .contains(String.format("merge rank %,d", token.rank())).contains(String.format("%,d bytes", token.bytes()));
        }
        // The last probe but one, "the", is in documents kept and removed alike.
        vocab.select(probes.get(2));
        assertThat(vocab.keptDocuments()).isNotEmpty();
        assertThat(vocab.removedDocuments()).isNotEmpty();
    }

    @Test
    void aDecisionChangeMovesTheSelectedTokensDocumentsAndSaysTheVocabularyIsOutdated() {
        vocab.train();
        BpeModel m = vocab.modelProperty().get();
        vocab.select(VocabReport.token(m, m.idOf("Ġthe")));
        VocabularyViewModel.DocumentHit hit = vocab.keptDocuments().stream().filter(h -> sample().host(h.row()) != null)
                .findFirst().orElseThrow();
        int before = vocab.keptDocuments().size() + vocab.removedDocuments().size();
        org.loupe.app.common.DocumentRow shown = main.session().documentRows().row(hit.row());
        assertThat(shown.kept()).isTrue();
        assertThat(shown.domain()).isEqualTo(sample().host(hit.row()));
        assertThat(shown.snippet()).isNotBlank();

        main.tune().blockDomain(sample().host(hit.row()));

        assertThat(main.session().documentRows().row(hit.row()).statusText()).startsWith("url");

        assertThat(decisions().kept(hit.row())).isFalse();
        assertThat(vocab.keptDocuments()).extracting(VocabularyViewModel.DocumentHit::row).doesNotContain(hit.row());
        assertThat(vocab.removedDocuments()).extracting(VocabularyViewModel.DocumentHit::row).contains(hit.row());
        assertThat(vocab.keptDocuments().size() + vocab.removedDocuments().size()).isEqualTo(before);
        assertThat(vocab.noticeProperty().get()).contains("pipeline changed");
        assertThat(vocab.modelProperty().get()).isSameAs(m);
    }

    @Test
    void aDecisionChangeWhileHiddenIsAppliedWhenTheViewIsShownAgain() {
        vocab.train();
        BpeModel m = vocab.modelProperty().get();
        vocab.select(VocabReport.token(m, m.idOf("Ġthe")));
        VocabularyViewModel.DocumentHit hit = vocab.keptDocuments().stream().filter(h -> sample().host(h.row()) != null)
                .findFirst().orElseThrow();
        vocab.setActive(false);

        main.tune().blockDomain(sample().host(hit.row()));

        assertThat(vocab.keptDocuments()).contains(hit);
        assertThat(vocab.noticeProperty().get()).isEmpty();
        vocab.setActive(true);
        assertThat(vocab.keptDocuments()).extracting(VocabularyViewModel.DocumentHit::row).doesNotContain(hit.row());
        assertThat(vocab.noticeProperty().get()).isNotEmpty();
    }

    @Test
    void comparingListsTheTokensOnlyTheKeptOrTheRemovedVocabularyHas() {
        vocab.compare();

        BpeModel kept = vocab.keptModel();
        BpeModel removed = vocab.removedModel();
        assertThat(kept.merges()).isEqualTo(trainDirectly(rows(true), PreTokenizer.GPT2).merges());
        assertThat(removed.merges()).isEqualTo(trainDirectly(rows(false), PreTokenizer.GPT2).merges());
        VocabReport.Comparison c = VocabReport.compare(kept, removed);
        assertThat(vocab.onlyKept()).isNotEmpty().isEqualTo(c.onlyLeft());
        assertThat(vocab.onlyRemoved()).isNotEmpty().isEqualTo(c.onlyRight());
        assertThat(vocab.sharedProperty().get()).isEqualTo(c.shared()).isPositive();
        assertThat(vocab.compareSummaryProperty().get()).contains(String.format("%,d tokens shared", c.shared()));
        assertThat(vocab.modelProperty().get()).isNull();

        // A token only the removed documents' vocabulary has is looked up with that vocabulary.
        VocabReport.Token token = vocab.onlyRemoved().get(0);
        vocab.select(token, VocabularyViewModel.Origin.REMOVED);
        long occurrences = 0;
        for (VocabularyViewModel.DocumentHit h : vocab.removedDocuments()) {
            occurrences += h.occurrences();
        }
        assertThat(vocab.removedDocuments()).isNotEmpty();
        assertThat(vocab.keptDocuments().size() + vocab.removedDocuments().size()).isPositive();
        assertThat(occurrences).isPositive();
    }

    @Test
    void exportsWriteTheTokenizerThatReadsBackAndTheReport() throws Exception {
        vocab.train();
        BpeModel m = vocab.modelProperty().get();
        Path tokenizer = tmp.resolve("out/tokenizer.json");
        Path report = tmp.resolve("out/vocab-report.json");
        Files.createDirectories(tokenizer.getParent());

        vocab.exportTokenizer(tokenizer);
        assertThat(vocab.exportStatusProperty().get()).isEqualTo("Saved " + tokenizer);
        vocab.exportReport(report);

        assertThat(vocab.exportStatusProperty().get()).isEqualTo("Saved " + report);

        BpeModel read = BpeModel.fromHuggingFaceJson(Files.readString(tokenizer));
        assertThat(read.size()).isEqualTo(m.size());
        assertThat(read.preTokenizer()).isEqualTo(m.preTokenizer());
        assertThat(read.merges()).extracting(BpeModel.Merge::result).isEqualTo(m.merges().stream().map(BpeModel.Merge::result).toList());
        for (int row = 0; row < 20; row++) {
            String text = sample().document(row).text();
            assertThat(read.encode(text)).isEqualTo(m.encode(text));
        }
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        List<Integer> longest = new ArrayList<>();
        json.path("longest").forEach(n -> longest.add(n.path("id").asInt()));
        assertThat(longest).isEqualTo(vocab.longestByBytes().stream().map(VocabReport.Token::id).toList());
        assertThat(json.path("rarest")).hasSize(VocabularyViewModel.ROWS);
        assertThat(json.path("flagged").get(0).path("flags")).isNotEmpty();
        try (var files = Files.list(tokenizer.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("tokenizer.json", "vocab-report.json");
        }
    }

    @Test
    void searchJumpsWithTheTokensTextStrippedAndQuotedWhenNeeded() {
        vocab.train();
        BpeModel m = vocab.modelProperty().get();

        vocab.select(VocabReport.token(m, m.idOf("Ġthe")));
        vocab.search();
        assertThat(searches).containsExactly("the");

        VocabReport.Token blank = VocabReport.token(m, ' '); // the byte: a whitespace-only token
        vocab.select(blank);
        vocab.search();
        assertThat(vocab.searchQuery()).isNull();
        assertThat(searches).containsExactly("the");

        VocabReport.Token syntax = token(m, t -> !t.isBlank() && t.strip().chars().anyMatch(ch -> "(){}[]:/\\\"-".indexOf(ch) >= 0));
        vocab.select(syntax);
        String q = vocab.searchQuery();
        assertThat(q).startsWith("\"").endsWith("\"");
        assertThat(q.substring(1, q.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\")).isEqualTo(m.text(syntax.id()).strip());
    }

    /** The first token whose text matches, merged tokens first. */
    private static VocabReport.Token token(BpeModel m, java.util.function.Predicate<String> text) {
        for (int k = 0; k < m.size(); k++) {
            int id = (k + 256) % m.size();
            if (m.text(id) != null && text.test(m.text(id))) {
                return VocabReport.token(m, id);
            }
        }
        throw new AssertionError("no such token");
    }

    @Test
    void aNewSampleClearsTheResults() {
        vocab.train();
        vocab.compare();
        BpeModel m = vocab.modelProperty().get();
        vocab.select(VocabReport.token(m, m.idOf("Ġthe")));
        assertThat(vocab.keptDocuments().size() + vocab.removedDocuments().size()).isPositive();

        main.tune().setSample(null);

        assertThat(vocab.modelProperty().get()).isNull();
        assertThat(vocab.longestByBytes()).isEmpty();
        assertThat(vocab.rarest()).isEmpty();
        assertThat(vocab.flagged()).isEmpty();
        assertThat(vocab.onlyKept()).isEmpty();
        assertThat(vocab.onlyRemoved()).isEmpty();
        assertThat(vocab.selectedProperty().get()).isNull();
        assertThat(vocab.keptDocuments()).isEmpty();
        assertThat(vocab.removedDocuments()).isEmpty();
        assertThat(vocab.keptModel()).isNull();
    }

    @Test
    void aTrainingCancelledFromTheTaskPanelSaysSoAndShowsNothingOfIt() {
        ManualTaskRunner runner = new ManualTaskRunner();
        AppContext waiting = new AppContext(context.workspace(), runner, context.recentFolders(), context.readerOptions(),
                context.threads(), context.languageIdentifier());
        VocabularyViewModel other = new VocabularyViewModel(waiting, main.session(), searches::add);
        other.vocabSizeProperty().set(SIZE);

        other.train();
        assertThat(other.trainingProperty().get()).isTrue();
        assertThat(other.busyProperty().get()).isTrue();

        runner.last().cancelFromPanel();

        assertThat(other.trainingProperty().get()).isFalse();
        assertThat(other.summaryProperty().get()).isEqualTo("Training cancelled.");
        runner.last().finish(); // the work goes on until it sees the cancel: its result is dropped
        assertThat(other.modelProperty().get()).isNull();
        assertThat(other.longestByBytes()).isEmpty();
    }

    @Test
    void aNewTrainingDropsTheOneBefore() {
        ManualTaskRunner runner = new ManualTaskRunner();
        AppContext waiting = new AppContext(context.workspace(), runner, context.recentFolders(), context.readerOptions(),
                context.threads(), context.languageIdentifier());
        VocabularyViewModel other = new VocabularyViewModel(waiting, main.session(), searches::add);
        other.vocabSizeProperty().set(SIZE);
        other.train();
        ManualTaskRunner.Started first = runner.last();
        other.trainOnProperty().set(VocabularyViewModel.Subset.REMOVED);

        other.train();
        first.finish();

        assertThat(other.modelProperty().get()).as("the first training's result is dropped").isNull();
        runner.last().finish();
        assertThat(other.trainingRows()).containsExactly(rows(false));
        assertThat(other.trainingProperty().get()).isFalse();
    }
}
