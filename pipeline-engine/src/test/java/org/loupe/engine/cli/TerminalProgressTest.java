package org.loupe.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.loupe.engine.task.TaskContext;

/** The command line's progress bar: counts in their own unit, and a summary also when stderr is not a terminal. */
class TerminalProgressTest {

    @Test
    void documentsAreCountedAsDocumentsAndBytesAsSizes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        p.progress(1_098, 1_098, TaskContext.Unit.DOCUMENTS);
        String docs = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        p.progress(2_048, 2_048, TaskContext.Unit.BYTES);
        String sizes = bytes.toString(StandardCharsets.UTF_8);

        assertThat(docs).contains("1,098 / 1,098 docs").doesNotContain("KB");
        assertThat(sizes).contains("2.0 KB / 2.0 KB").doesNotContain("docs");
        assertThat(TerminalProgress.counts(3, 10, TaskContext.Unit.ITEMS)).isEqualTo("3 / 10");
    }

    @Test
    void theSummaryIsPrintedWhenStderrIsNotATerminalButTheBarIsNot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        p.progress(5, 10, TaskContext.Unit.DOCUMENTS);
        p.finish("Sampled 5 of 10 documents");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Sampled 5 of 10 documents (").doesNotContain("[", "\r");
    }

    @Test
    void cancellingStopsTheTaskAtItsNextCheck() {
        TerminalProgress p = new TerminalProgress(new PrintStream(new ByteArrayOutputStream()), false);
        assertThat(p.isCancelled()).isFalse();
        p.cancel();
        assertThat(p.isCancelled()).isTrue();
    }
}
