package org.loupe.app.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LatestTaskTest {
    private final List<String> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> discarded = new ArrayList<>();
    private int cancels;

    private LatestTask<String> helper(TaskRunner runner) {
        return new LatestTask<String>(runner)
                .onFailure(failures::add)
                .onCancelled(() -> cancels++)
                .onDiscard(discarded::add);
    }

    @Nested
    class WithTheImmediateRunner {
        private final LatestTask<String> task = helper(new ImmediateTaskRunner());

        @Test
        void aRunDeliversItsResultAndIsNoLongerRunning() {
            task.start("Counting", ctx -> "42", results::add);

            assertThat(results).containsExactly("42");
            assertThat(task.isRunning()).isFalse();
            assertThat(task.errorProperty().get()).isEmpty();
            assertThat(failures).isEmpty();
        }

        @Test
        void aFailureBecomesAReadableReasonOnTheHandlerAndTheProperty() {
            task.start("Reading", ctx -> {
                throw new IOException(new java.nio.file.NoSuchFileException("/data/x.jsonl"));
            }, results::add);

            assertThat(failures).containsExactly("no such file: /data/x.jsonl");
            assertThat(task.errorProperty().get()).isEqualTo("no such file: /data/x.jsonl");
            assertThat(task.isRunning()).isFalse();
            assertThat(results).isEmpty();
        }

        @Test
        void theNextStartClearsTheError() {
            task.start("Reading", ctx -> {
                throw new IllegalStateException("broken");
            }, results::add);
            task.start("Reading", ctx -> "fine", results::add);

            assertThat(task.errorProperty().get()).isEmpty();
            assertThat(results).containsExactly("fine");
        }

        @Test
        void aRunsOwnFailureHandlerReplacesTheSharedOne() {
            List<String> own = new ArrayList<>();
            task.start("Exporting", ctx -> {
                throw new java.io.UncheckedIOException(new IOException("disk full"));
            }, results::add, own::add);

            assertThat(own).containsExactly("disk full");
            assertThat(failures).isEmpty();
        }

        @Test
        void workThatStopsWithACancellationCountsAsCancelled() {
            task.start("Mapping", ctx -> {
                throw new CancellationException("cancelled");
            }, results::add);

            assertThat(cancels).isEqualTo(1);
            assertThat(failures).isEmpty();
            assertThat(task.isRunning()).isFalse();
        }

        @Test
        void aResultHandlerThatThrowsIsNotTakenForAFailureOfTheWork() {
            assertThatThrownBy(() -> task.start("Counting", ctx -> "42", r -> {
                throw new IllegalArgumentException("a bug in the view model");
            })).hasMessage("a bug in the view model");
            assertThat(failures).isEmpty();
        }

        @Test
        void cancellingWhenNothingRunsDoesNothing() {
            assertThat(task.cancel()).isFalse();
            assertThat(cancels).isZero();
        }

        @Test
        void aValueHandedOnMidwayArrivesBeforeTheResult() {
            List<String> events = new ArrayList<>();
            task.start("Indexing", ctx -> {
                ctx.handOn("partial", events::add, discarded::add);
                return "complete";
            }, events::add);

            assertThat(events).containsExactly("partial", "complete");
        }
    }

    @Nested
    class WithAControllableRunner {
        private final ManualTaskRunner runner = new ManualTaskRunner();
        private final LatestTask<String> task = helper(runner);

        @Test
        void itIsRunningFromStartToOutcome() {
            task.start("Training", ctx -> "model", results::add);

            assertThat(task.isRunning()).isTrue();
            assertThat(task.runningProperty().get()).isTrue();
            assertThat(runner.last().title).isEqualTo("Training");

            runner.last().finish();

            assertThat(task.isRunning()).isFalse();
            assertThat(results).containsExactly("model");
        }

        @Test
        void aNewerStartCancelsTheOlderRunAndDropsItsResult() {
            task.start("first", ctx -> "old", results::add);
            ManualTaskRunner.Started first = runner.last();
            task.start("second", ctx -> "new", results::add);
            ManualTaskRunner.Started second = runner.last();

            assertThat(first.isCancelled()).isTrue();
            assertThat(cancels).as("a restart is not a cancel").isZero();
            assertThat(task.isRunning()).isTrue();

            first.finish(); // the old work ran to its end anyway
            assertThat(results).isEmpty();
            assertThat(discarded).containsExactly("old");

            second.finish();
            assertThat(results).containsExactly("new");
            assertThat(task.isRunning()).isFalse();
        }

        @Test
        void theOlderRunSeesItIsCancelled() {
            boolean[] seen = new boolean[1];
            task.start("first", ctx -> {
                seen[0] = ctx.isCancelled();
                return "old";
            }, results::add);
            ManualTaskRunner.Started first = runner.last();
            task.start("second", ctx -> "new", results::add);

            first.finish();

            assertThat(seen[0]).isTrue();
        }

        @Test
        void aFailureOfAnOlderRunIsDroppedSilently() {
            task.start("first", ctx -> {
                throw new IOException("disk full");
            }, results::add);
            ManualTaskRunner.Started first = runner.last();
            task.start("second", ctx -> "new", results::add);

            first.finish();

            assertThat(failures).isEmpty();
            assertThat(task.errorProperty().get()).isEmpty();
            assertThat(task.isRunning()).isTrue();
        }

        @Test
        void cancelDropsTheResultAndSaysSo() {
            task.start("Training", ctx -> "model", results::add);
            ManualTaskRunner.Started run = runner.last();

            assertThat(task.cancel()).isTrue();

            assertThat(cancels).isEqualTo(1);
            assertThat(task.isRunning()).isFalse();
            assertThat(run.isCancelled()).isTrue();
            run.finish();
            assertThat(results).isEmpty();
            assertThat(discarded).containsExactly("model");
            assertThat(cancels).isEqualTo(1);
        }

        @Test
        void aCancelFromTheTaskPanelCountsAsACancel() {
            task.start("Training", ctx -> "model", results::add);

            runner.last().cancelFromPanel();

            assertThat(cancels).isEqualTo(1);
            assertThat(task.isRunning()).isFalse();
            runner.last().finish();
            assertThat(results).isEmpty();
        }

        @Test
        void aValueHandedOnByAnOlderRunIsDropped() {
            List<String> used = new ArrayList<>();
            task.start("first", ctx -> {
                ctx.handOn("old view", used::add, discarded::add);
                return "old";
            }, results::add);
            ManualTaskRunner.Started first = runner.last();
            task.start("second", ctx -> "new", results::add);

            first.finish();

            assertThat(used).isEmpty();
            assertThat(discarded).containsExactly("old view", "old");
        }

        @Test
        void aResultHandlerMayStartTheNextRun() {
            task.start("first", ctx -> "1", r -> {
                results.add(r);
                task.start("second", ctx -> "2", results::add);
            });
            runner.last().finish();

            assertThat(task.isRunning()).isTrue();
            runner.last().finish();

            assertThat(results).containsExactly("1", "2");
            assertThat(task.isRunning()).isFalse();
        }
    }

    @Nested
    class Coalescing {
        private final ManualTaskRunner runner = new ManualTaskRunner();
        private final LatestTask<String> task = helper(runner).coalescing();

        @Test
        void aStartWhileOneRunsWaitsForItAndOnlyTheNewestBegins() {
            task.start("", ctx -> "a", results::add);
            ManualTaskRunner.Started a = runner.last();

            task.start("", ctx -> "b", results::add);
            task.start("", ctx -> "c", results::add);

            assertThat(runner.started).as("nothing else starts while a runs").hasSize(1);
            assertThat(a.isCancelled()).as("a is asked to stop, not cancelled").isFalse();
            assertThat(task.isRunning()).isTrue();

            a.finish();

            assertThat(results).isEmpty();
            assertThat(discarded).containsExactly("a");
            assertThat(runner.started).hasSize(2);
            runner.last().finish();
            assertThat(results).containsExactly("c");
            assertThat(task.isRunning()).isFalse();
        }

        @Test
        void theRunningOneIsAskedToStop() {
            boolean[] seen = new boolean[1];
            task.start("", ctx -> {
                seen[0] = ctx.isCancelled();
                return "a";
            }, results::add);
            ManualTaskRunner.Started a = runner.last();
            task.start("", ctx -> "b", results::add);

            a.finish();

            assertThat(seen[0]).isTrue();
        }

        @Test
        void cancelDropsTheWaitingStartToo() {
            task.start("", ctx -> "a", results::add);
            ManualTaskRunner.Started a = runner.last();
            task.start("", ctx -> "b", results::add);

            assertThat(task.cancel()).isTrue();
            a.finish();

            assertThat(runner.started).hasSize(1);
            assertThat(results).isEmpty();
            assertThat(task.isRunning()).isFalse();
        }

        @Test
        void withoutOverlapEveryStartRuns() {
            task.start("", ctx -> "a", results::add);
            runner.last().finish();
            task.start("", ctx -> "b", results::add);
            runner.last().finish();

            assertThat(results).containsExactly("a", "b");
        }
    }
}
