package org.loupe.app.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.context.AppContext;
import org.loupe.app.TestFolders;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.engine.decision.Decisions;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.testing.Golden;

/**
 * Domains without a window: rows under the live decisions, ten documents of a domain, block it; the Top URLs
 * and a domain's hosts and path prefixes against brute-force counts.
 */
class DomainsViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void aDomainsDocumentsAreListedAndBlockingItRemovesThemAll() {
        Path fixtures = Golden.fixtures(tmp.resolve("golden"));
        MainViewModel main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(fixtures);
        DomainsViewModel domains = new DomainsViewModel(new ImmediateTaskRunner(), main.session());
        domains.refresh();
        assertThat(domains.rows()).isNotEmpty();
        assertThat(domains.rows().stream().mapToLong(DomainsViewModel.Row::documents).sum()).isEqualTo(1107);
        DomainsViewModel.Row top = domains.rows().stream().filter(r -> r.keptDocuments() > 0).findFirst().orElseThrow();
        domains.select(top.domain());
        Decisions d = main.tune().decisionsProperty().get();
        assertThat(domains.kept()).isNotEmpty().hasSizeLessThanOrEqualTo(10).allSatisfy(r -> assertThat(d.kept(r)).isTrue());
        assertThat(domains.removed()).hasSizeLessThanOrEqualTo(10).allSatisfy(r -> assertThat(d.kept(r)).isFalse());

        domains.blockSelected();

        assertThat(main.tune().configProperty().get().steps().get(0).type()).isEqualTo("url");
        DomainsViewModel.Row after = domains.rows().stream().filter(r -> r.domain().equals(top.domain())).findFirst().orElseThrow();
        assertThat(after.keptDocuments()).isZero();
        assertThat(after.removedBy()).startsWith("url " + top.documents());
        assertThat(domains.kept()).isEmpty();
        assertThat(main.tune().decisionsProperty().get().keptDocuments()).isEqualTo(d.keptDocuments() - top.keptDocuments());
    }

    @Test
    void topUrlsAreEveryUrlOfMoreThanOneDocumentWithKeptAndRemovedAsDecided() throws IOException {
        MainViewModel main = open(TestFolders.withRepeatedUrls(tmp.resolve("shards")));
        DomainsViewModel domains = new DomainsViewModel(new ImmediateTaskRunner(), main.session());
        domains.refresh();
        Sample s = main.tune().sample();
        Decisions d = main.tune().decisionsProperty().get();
        assertThat(s.size()).isEqualTo(1107 + 120);

        Map<String, List<Integer>> rowsOf = rowsByUrl(s);
        List<DomainsViewModel.UrlRow> expected = new ArrayList<>();
        rowsOf.forEach((url, rows) -> {
            if (rows.size() > 1) {
                int kept = (int) rows.stream().filter(d::kept).count();
                expected.add(new DomainsViewModel.UrlRow(url, rows.size(), kept, rows.size() - kept));
            }
        });
        expected.sort(Comparator.comparingInt(DomainsViewModel.UrlRow::documents).reversed()
                .thenComparing(DomainsViewModel.UrlRow::url));

        assertThat(domains.topUrls()).hasSize(TestFolders.REPEATED_URLS).containsExactlyElementsOf(expected);
        assertThat(domains.topUrls()).extracting(DomainsViewModel.UrlRow::documents).containsOnly(2, 3, 4);
        assertThat(domains.topUrls()).anySatisfy(u -> assertThat(u.keptDocuments()).isPositive())
                .anySatisfy(u -> assertThat(u.removedDocuments()).isPositive());
    }

    @Test
    void choosingATopUrlListsAllItsDocumentsAndChoosingADomainListsTheDomainsAgain() throws IOException {
        MainViewModel main = open(TestFolders.withRepeatedUrls(tmp.resolve("shards")));
        DomainsViewModel domains = new DomainsViewModel(new ImmediateTaskRunner(), main.session());
        domains.refresh();
        Decisions d = main.tune().decisionsProperty().get();
        Map<String, List<Integer>> rowsOf = rowsByUrl(main.tune().sample());
        DomainsViewModel.Row domain = domains.rows().get(0);
        domains.select(domain.domain());
        DomainsViewModel.UrlRow top = domains.topUrls().stream().filter(u -> u.documents() == 4).findFirst().orElseThrow();

        domains.selectUrl(top.url());

        assertThat(domains.selectedUrlProperty().get()).isEqualTo(top.url());
        assertThat(domains.titleProperty().get()).isEqualTo(top.url());
        assertThat(Stream.concat(domains.kept().stream(), domains.removed().stream()).sorted())
                .containsExactlyElementsOf(rowsOf.get(top.url()));
        assertThat(domains.kept()).hasSize(top.keptDocuments()).allSatisfy(r -> assertThat(d.kept(r)).isTrue());
        assertThat(domains.removed()).hasSize(top.removedDocuments()).allSatisfy(r -> assertThat(d.kept(r)).isFalse());
        assertThat(domains.hosts()).as("the domain's breakdown stays").isNotEmpty();

        domains.select(domain.domain());

        assertThat(domains.selectedUrlProperty().get()).isNull();
        assertThat(domains.titleProperty().get()).isEqualTo(domain.domain());
        assertThat(Stream.concat(domains.kept().stream(), domains.removed().stream())).isNotEmpty()
                .allSatisfy(r -> assertThat(Hosts.site(main.tune().sample().url(r))).isEqualTo(domain.domain()));
    }

    @Test
    void everyDomainsHostsAndPathPrefixesAddUpToTheDomainsTotals() throws IOException {
        MainViewModel main = open(TestFolders.withRepeatedUrls(tmp.resolve("shards")));
        DomainsViewModel domains = new DomainsViewModel(new ImmediateTaskRunner(), main.session());
        domains.refresh();
        assertThat(domains.hosts()).isEmpty();
        int multiHost = 0;
        for (DomainsViewModel.Row row : List.copyOf(domains.rows())) {
            domains.select(row.domain());
            for (List<DomainsViewModel.PartRow> parts : List.of(domains.hosts(), domains.pathPrefixes())) {
                assertThat(sum(parts, DomainsViewModel.PartRow::documents)).as(row.domain()).isEqualTo(row.documents());
                assertThat(sum(parts, DomainsViewModel.PartRow::tokens)).as(row.domain()).isEqualTo(row.tokens());
                assertThat(sum(parts, DomainsViewModel.PartRow::keptDocuments)).as(row.domain()).isEqualTo(row.keptDocuments());
                assertThat(parts).isSortedAccordingTo(Comparator.comparingLong(DomainsViewModel.PartRow::tokens).reversed());
                assertThat(parts).allSatisfy(p -> assertThat(p.removalRate())
                        .isEqualTo(1.0 - (double) p.keptDocuments() / p.documents()));
            }
            multiHost += domains.hosts().size() > 1 ? 1 : 0;
        }
        assertThat(multiHost).as("domains with more than one host").isPositive();
    }

    @Test
    void aDomainsBreakdownFollowsTheLiveDecisions() {
        MainViewModel main = open(Golden.fixtures(tmp.resolve("golden")));
        DomainsViewModel domains = new DomainsViewModel(new ImmediateTaskRunner(), main.session());
        domains.refresh();
        DomainsViewModel.Row top = domains.rows().stream().filter(r -> r.keptDocuments() > 0).findFirst().orElseThrow();
        domains.select(top.domain());
        assertThat(sum(domains.hosts(), DomainsViewModel.PartRow::keptDocuments)).isEqualTo(top.keptDocuments());

        domains.blockSelected();

        assertThat(domains.hosts()).isNotEmpty().allSatisfy(h -> assertThat(h.keptDocuments()).isZero());
        assertThat(domains.pathPrefixes()).isNotEmpty().allSatisfy(p -> assertThat(p.removalRate()).isEqualTo(1.0));
    }

    private MainViewModel open(Path shards) {
        MainViewModel main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(shards);
        return main;
    }

    /** Brute force: the sample rows of every non-blank URL, ascending, by URL. */
    private static Map<String, List<Integer>> rowsByUrl(Sample s) {
        Map<String, List<Integer>> rowsOf = new TreeMap<>();
        for (int r = 0; r < s.size(); r++) {
            String url = s.url(r);
            if (url != null && !url.isBlank()) {
                rowsOf.computeIfAbsent(url, k -> new ArrayList<>()).add(r);
            }
        }
        return rowsOf;
    }

    private static <T> long sum(List<T> rows, ToLongFunction<T> f) {
        return rows.stream().mapToLong(f).sum();
    }
}
