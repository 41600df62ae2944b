package org.loupe.engine.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing worker stops its siblings without interrupting them: a shared file channel stays open. */
class WorkersStopTest {
    @TempDir
    Path tmp;

    @Test
    void aFailureStopsTheOtherWorkersAtTheirNextCheckAndLeavesASharedChannelOpen() throws IOException {
        Path file = tmp.resolve("store.bin");
        Files.write(file, new byte[1 << 16]);
        try (FileChannel shared = FileChannel.open(file, StandardOpenOption.READ)) {
            CountDownLatch reading = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean stoppedByCheck = new AtomicBoolean();
            assertThatThrownBy(() -> Workers.run(2, "test", worker -> {
                if (worker == 0) {
                    reading.await();
                    throw new IllegalStateException("bad record");
                }
                ByteBuffer buf = ByteBuffer.allocate(4096);
                try {
                    for (long i = 0; ; i++) {
                        buf.clear();
                        shared.read(buf, (i * 4096) % (1 << 16));
                        reading.countDown();
                        TaskContext.NONE.checkCancelled();
                    }
                } catch (CancellationException e) {
                    stoppedByCheck.set(true);
                } finally {
                    interrupted.set(Thread.currentThread().isInterrupted());
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("bad record");
            assertThat(stoppedByCheck).isTrue();
            assertThat(interrupted).isFalse();
            assertThat(shared.isOpen()).isTrue();
            assertThat(shared.read(ByteBuffer.allocate(8), 0)).isEqualTo(8);
        }
        assertThat(Workers.stopping()).isFalse();
    }
}
