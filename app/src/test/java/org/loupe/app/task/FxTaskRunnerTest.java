package org.loupe.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The FX runner on the (headless) FX thread. */
@ExtendWith(ApplicationExtension.class)
class FxTaskRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void cancellingATaskReportsItAtOnceAndLeavesTheFilesItReadsOpen(FxRobot robot) throws Exception {
        Path file = tmp.resolve("store.bin");
        Files.write(file, new byte[4096]);
        try (FxTaskRunner runner = new FxTaskRunner(1); FileChannel shared = FileChannel.open(file)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicReference<TaskRunner.Handle> handle = new AtomicReference<>();
            robot.interact(() -> handle.set(runner.run("Reading", ctx -> {
                started.countDown();
                while (!ctx.isCancelled()) {
                    shared.read(ByteBuffer.allocate(16), 0);
                    Thread.sleep(2);
                }
                interrupted.set(Thread.currentThread().isInterrupted());
                stopped.countDown();
                return null;
            }, r -> { }, e -> { }, cancelled::countDown)));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            robot.interact(() -> handle.get().cancel());

            assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("onCancelled").isTrue();
            assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the work saw the cancel").isTrue();
            assertThat(interrupted).isFalse();
            assertThat(shared.isOpen()).as("an interrupt would have closed the channel").isTrue();
            assertThat(shared.read(ByteBuffer.allocate(16), 0)).isEqualTo(16);
        }
    }

    @Test
    void aWaitEndsOnTheFxThreadAfterItsDelayUnlessCancelled(FxRobot robot) throws Exception {
        try (FxTaskRunner runner = new FxTaskRunner(1)) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean onFx = new AtomicBoolean();
            AtomicBoolean cancelledRan = new AtomicBoolean();
            long start = System.nanoTime();
            robot.interact(() -> {
                runner.after(java.time.Duration.ofMillis(50), () -> cancelledRan.set(true)).cancel();
                runner.after(java.time.Duration.ofMillis(100), () -> {
                    onFx.set(javafx.application.Platform.isFxApplicationThread());
                    ran.countDown();
                });
            });

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
            assertThat(onFx).isTrue();
            assertThat(cancelledRan).isFalse();
        }
    }
}
