package org.loupe.engine.read;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Test helper: builds the bytes of good and bad shards. */
final class TestBytes {
    private TestBytes() {
    }

    /** Raw bytes given as ints (0..255), for invalid UTF-8 and other bytes a String cannot hold. */
    static byte[] raw(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Concatenates Strings (as UTF-8) and byte arrays. */
    static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] b = part instanceof byte[] bytes ? bytes : part.toString().getBytes(UTF_8);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data) {
        return Zstd.compress(data, 3);
    }

    /** Reads a stream until it ends or fails; the bytes it gave before failing (a decompressor's salvage). */
    static byte[] readUntilFailure(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException expected) {
            // the salvage ends here
        }
        return out.toByteArray();
    }

    static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    static int countNewlines(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    static byte[] prefix(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    /**
     * {@code n} JSONL records {@code {"id":"r<i>","text":"<words>"}} whose texts are seeded random words,
     * so that they compress like real text rather than like a repeated string.
     */
    static List<String> texts(int n, long seed) {
        String[] words = ("the of and to in is was for on that with as by at from his her it an are were be this "
                + "which or had not but what all when we there can been one who so more if out up about into "
                + "curation shard token corpus sample filter document crawl language quality dedup web page").split(" ");
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            int count = 20 + random.nextInt(80);
            for (int w = 0; w < count; w++) {
                sb.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
                if (random.nextInt(10) == 0) {
                    sb.append(random.nextInt(100_000));
                }
            }
            texts.add(sb.toString());
        }
        return texts;
    }

    /** The JSONL of {@link #texts}: one record per line, ids r1..rn. */
    static byte[] jsonl(List<String> texts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            sb.append("{\"id\":\"r").append(i + 1).append("\",\"text\":\"").append(texts.get(i)).append("\"}\n");
        }
        return utf8(sb.toString());
    }
}
