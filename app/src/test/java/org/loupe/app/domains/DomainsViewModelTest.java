package org.loupe.app.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.app.AppContext;
import org.loupe.app.shell.MainViewModel;
import org.loupe.app.task.ImmediateTaskRunner;
import org.loupe.engine.filter.Decisions;
import org.loupe.engine.testing.SharedData;

/** Domains without a window: rows under the live decisions, ten documents of a domain, block it. */
class DomainsViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void aDomainsDocumentsAreListedAndBlockingItRemovesThemAll() {
        Path fixtures = SharedData.specDir().resolve("golden/fixtures_in.jsonl.gz");
        MainViewModel main = new MainViewModel(AppContext.create(tmp.resolve("ws"), new ImmediateTaskRunner()));
        main.openFolder(fixtures);
        DomainsViewModel domains = new DomainsViewModel(main.tune());
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
}
