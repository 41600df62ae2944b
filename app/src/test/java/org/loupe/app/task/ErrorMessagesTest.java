package org.loupe.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

    @Test
    void aPlainMessageIsTheReason() {
        assertThat(ErrorMessages.readable(new IOException("disk full"))).isEqualTo("disk full");
    }

    @Test
    void wrappersGiveWayToTheirCause() {
        Throwable wrapped = new ExecutionException(new RuntimeException(new UncheckedIOException(new IOException("disk full"))));

        assertThat(ErrorMessages.readable(wrapped)).isEqualTo("disk full");
    }

    @Test
    void aWrapperWithItsOwnWordsKeepsThem() {
        assertThat(ErrorMessages.readable(new IllegalStateException("the index is broken", new IOException("crc"))))
                .isEqualTo("the index is broken");
    }

    @Test
    void classNamesInsideTheMessageAreStripped() {
        assertThat(ErrorMessages.readable(new IOException("java.lang.IllegalArgumentException: bad row 7")))
                .isEqualTo("bad row 7");
        assertThat(ErrorMessages.readable(new RuntimeException("indexing failed: java.io.IOException: disk full")))
                .isEqualTo("indexing failed: disk full");
        assertThat(ErrorMessages.readable(new RuntimeException("IOException: disk full"))).isEqualTo("disk full");
    }

    @Test
    void fileErrorsSayWhatHappenedToWhichFile() {
        assertThat(ErrorMessages.readable(new NoSuchFileException("/data/a.jsonl"))).isEqualTo("no such file: /data/a.jsonl");
        assertThat(ErrorMessages.readable(new AccessDeniedException("/data"))).isEqualTo("access denied: /data");
    }

    @Test
    void anErrorWithoutAMessageIsNamedInWords() {
        assertThat(ErrorMessages.readable(new IllegalStateException())).isEqualTo("illegal state");
        assertThat(ErrorMessages.readable(new ArrayIndexOutOfBoundsException())).isEqualTo("array index out of bounds");
        assertThat(ErrorMessages.readable(new EOFException())).isEqualTo("unexpected end of file");
        assertThat(ErrorMessages.readable(new OutOfMemoryError("Java heap space"))).isEqualTo("out of memory");
        assertThat(ErrorMessages.readable(new NullPointerException())).isEqualTo("an internal error (a missing value)");
    }

    @Test
    void theReasonIsOneLineWithoutAFinalFullStop() {
        assertThat(ErrorMessages.readable(new IOException("Cannot read the shard.\n\tat somewhere\n"))).isEqualTo("Cannot read the shard");
        assertThat(ErrorMessages.readable(new IOException("x".repeat(1000)))).hasSize(ErrorMessages.MAX_LENGTH);
    }
}
