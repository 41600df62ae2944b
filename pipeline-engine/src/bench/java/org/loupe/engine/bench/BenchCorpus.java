package org.loupe.engine.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.loupe.engine.io.AtomicFiles;
import org.loupe.engine.model.Document;
import org.loupe.engine.read.DocumentReader;
import org.loupe.engine.read.ProblemSink;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.read.ScanResult;
import org.loupe.engine.read.Shard;
import org.loupe.engine.read.ShardReaders;
import org.loupe.engine.read.ShardScanner;

/**
 * A synthetic, deterministic corpus of web-like JSONL documents for benchmarks: Zipf-distributed words
 * (from a built-in pseudo-English generator, or from the texts of a shard given at run time), sentences
 * and paragraphs, log-uniform lengths between 200 B and 20 KB, a URL from a Zipf-popular set of domains,
 * a timestamp and nested metadata. The same seed gives byte-identical shards.
 */
public final class BenchCorpus {
    static final int MIN_DOC_BYTES = 200;
    static final int MAX_DOC_BYTES = 20_000;
    private static final int TABLE = 1 << 20;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] FUNCTION_WORDS = ("the of and to a in is that for it as was with be by on not he i this are or "
            + "his from at which but have an they you were her she there one all we their been has more if will would "
            + "who so no can out about up what when into do time only some could them other than then now its also "
            + "two first may any new like our these over well such how after most where just made even because through "
            + "much your get back make year use good people way very day see").split(" ");
    private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v",
        "w", "y", "z", "st", "tr", "pl", "ch", "sh", "th", "br", "gr", "cl", "fr", "sp", ""};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "io", "ee", "y"};
    private static final String[] CODAS = {"", "", "", "n", "r", "s", "t", "l", "nd", "st", "ng", "m", "ck", "rt"};
    /** A few non-ASCII words, so that readers meet multi-byte UTF-8 as in real web text. */
    private static final String[] EXTRA = {"café", "naïve", "résumé", "—", "’s", "Zürich", "São", "€20", "½", "東京", "😀", "façade"};
    private static final String[] TLDS = {".com", ".com", ".com", ".org", ".net", ".co.uk", ".de", ".info", ".io", ".fr"};

    private final String[] words;
    private final String[] pathWords;
    private final int[] wordTable;
    private final String[] domains;
    private final int[] domainTable;

    private BenchCorpus(String[] words, double[] weights, long seed) {
        this.words = words;
        this.pathWords = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            String p = words[i].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            pathWords[i] = p.isEmpty() ? "page" : p;
        }
        this.wordTable = table(weights);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        LinkedHashSet<String> ds = new LinkedHashSet<>();
        while (ds.size() < 5000) {
            String a = words[Math.min(words.length - 1, 50 + r.nextInt(Math.max(1, Math.min(words.length - 50, 20_000))))];
            String b = r.nextInt(3) == 0 ? words[Math.min(words.length - 1, 50 + r.nextInt(Math.max(1, Math.min(words.length - 50, 20_000))))] : "";
            String name = (a + b).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (name.length() >= 3) {
                ds.add(name + TLDS[r.nextInt(TLDS.length)]);
            }
        }
        this.domains = ds.toArray(String[]::new);
        double[] dw = new double[domains.length];
        for (int i = 0; i < dw.length; i++) {
            dw[i] = 1.0 / Math.pow(i + 1, 0.9);
        }
        this.domainTable = table(dw);
    }

    /** A pseudo-English vocabulary: common function words first, then generated words, Zipf weights (s = 1.05). */
    /**
     * {@code n} texts from the built-in generator that {@code bench generate} uses (the same seed gives the same
     * texts), for benchmarks that need no files.
     */
    public static java.util.List<String> texts(int n, long seed) {
        BenchCorpus c = builtIn(seed);
        SplittableRandom r = new SplittableRandom(seed);
        java.util.List<String> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(c.text(r, length(r)));
        }
        return out;
    }

    static BenchCorpus builtIn(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LinkedHashSet<String> seen = new LinkedHashSet<>(Arrays.asList(FUNCTION_WORDS));
        List<String> generated = new ArrayList<>();
        while (generated.size() < 40_000) {
            int roll = r.nextInt(20);
            int syllables = roll < 7 ? 1 : roll < 15 ? 2 : roll < 19 ? 3 : 4;
            StringBuilder w = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                w.append(ONSETS[r.nextInt(ONSETS.length)]).append(VOWELS[r.nextInt(VOWELS.length)]).append(CODAS[r.nextInt(CODAS.length)]);
            }
            if (seen.add(w.toString())) {
                generated.add(w.toString());
            }
        }
        // Shorter words are more frequent (Zipf's law of abbreviation): rank generated words by length.
        generated.sort((a, b) -> Integer.compare(a.length(), b.length()));
        List<String> vocab = new ArrayList<>(Arrays.asList(FUNCTION_WORDS));
        vocab.addAll(generated);
        String[] words = vocab.toArray(String[]::new);
        double[] weights = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            weights[i] = 1.0 / Math.pow(i + 1, 1.05);
        }
        return new BenchCorpus(words, weights, seed);
    }

    /** A vocabulary read at run time from the texts of a shard or folder (read only), weighted by observed frequency. */
    static BenchCorpus fromTexts(Path source, long seed) throws IOException {
        ScanResult scan = new ShardScanner().scan(source);
        Map<String, Integer> counts = new HashMap<>();
        for (Shard shard : scan.shards()) {
            try (DocumentReader reader = ShardReaders.open(shard, ReaderOptions.defaults(), ProblemSink.IGNORE)) {
                Document d;
                while ((d = reader.next()) != null) {
                    for (String w : d.text().split("\\s+")) {
                        if (!w.isEmpty() && w.length() < 30) {
                            counts.merge(w, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        if (counts.size() < 100) {
            throw new IOException("too few words in " + source + " (" + counts.size() + "); use the built-in generator");
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int n = Math.min(entries.size(), 60_000);
        String[] words = new String[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            words[i] = entries.get(i).getKey();
            weights[i] = entries.get(i).getValue();
        }
        return new BenchCorpus(words, weights, seed);
    }

    /** A lookup table from a uniform 20-bit number to an index drawn with the given weights. */
    private static int[] table(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        int[] t = new int[TABLE];
        int idx = 0;
        double cum = weights[0] / total;
        for (int i = 0; i < TABLE; i++) {
            double u = (i + 0.5) / TABLE;
            while (u > cum && idx < weights.length - 1) {
                idx++;
                cum += weights[idx] / total;
            }
            t[i] = idx;
        }
        return t;
    }

    private String word(SplittableRandom r, String[] topic) {
        int roll = r.nextInt(1000);
        if (roll < 2) {
            return EXTRA[r.nextInt(EXTRA.length)];
        }
        if (roll < 150) {
            // Real documents repeat their topic's words.
            return topic[r.nextInt(topic.length)];
        }
        return words[wordTable[r.nextInt(TABLE)]];
    }

    /** One web-like text of about {@code target} UTF-8 bytes. */
    String text(SplittableRandom r, int target) {
        StringBuilder sb = new StringBuilder(target + 200);
        String[] topic = new String[12];
        for (int i = 0; i < topic.length; i++) {
            topic[i] = words[Math.min(words.length - 1, 100 + r.nextInt(Math.max(1, Math.min(words.length - 100, 5000))))];
        }
        while (sb.length() < target) {
            int sentences = 1 + r.nextInt(6);
            for (int s = 0; s < sentences && sb.length() < target; s++) {
                int n = 4 + r.nextInt(24);
                boolean quoted = r.nextInt(40) == 0;
                for (int i = 0; i < n; i++) {
                    String w = word(r, topic);
                    if (i == 0) {
                        w = w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
                        if (quoted) {
                            w = "\"" + w;
                        }
                    } else {
                        sb.append(' ');
                    }
                    if (r.nextInt(60) == 0) {
                        sb.append(r.nextInt(2020));
                        sb.append(' ');
                    }
                    sb.append(w);
                    if (i < n - 1 && r.nextInt(12) == 0) {
                        sb.append(',');
                    }
                }
                int end = r.nextInt(20);
                sb.append(end == 0 ? "?" : end == 1 ? "!" : ".");
                if (quoted) {
                    sb.append('"');
                }
                sb.append(' ');
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** Document length: log-uniform between 200 B and 20 KB. */
    static int length(SplittableRandom r) {
        return (int) Math.round(Math.exp(Math.log(MIN_DOC_BYTES) + r.nextDouble() * (Math.log(MAX_DOC_BYTES) - Math.log(MIN_DOC_BYTES))));
    }

    /**
     * Writes one shard of about {@code targetBytes} compressed bytes (gzip, level 6 like gzip's default), atomically.
     *
     * @return the number of documents written
     */
    long writeShard(Path file, long seed, int shardIndex, long targetBytes) throws IOException {
        long[] docs = new long[1];
        AtomicFiles.write(file, raw -> {
            CountingOutputStream counted = new CountingOutputStream(new BufferedOutputStream(raw, 1 << 16));
            try (OutputStream gz = new GZIPOutputStream(counted, 1 << 16);
                 JsonGenerator g = JSON.createGenerator(gz, JsonEncoding.UTF8)) {
                g.setRootValueSeparator(null);
                SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + shardIndex);
                long n = 0;
                while (counted.count < targetBytes) {
                    writeDoc(g, r, shardIndex, n++);
                    g.writeRaw('\n');
                }
                docs[0] = n;
            }
        });
        return docs[0];
    }

    private void writeDoc(JsonGenerator g, SplittableRandom r, int shard, long n) throws IOException {
        String text = text(r, length(r));
        String domain = domains[domainTable[r.nextInt(TABLE)]];
        StringBuilder path = new StringBuilder();
        int segments = 1 + r.nextInt(4);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(pathWords[wordTable[r.nextInt(TABLE)]]);
        }
        if (r.nextInt(5) == 0) {
            path.append("?page=").append(1 + r.nextInt(40));
        }
        String url = (r.nextInt(4) == 0 ? "http://" : "https://") + (r.nextBoolean() ? "www." : "") + domain + path;
        g.writeStartObject();
        g.writeStringField("id", hex(shard, 8) + "-" + hex(n & 0xFFFF, 4) + "-" + hex(r.nextLong(), 16));
        g.writeStringField("text", text);
        g.writeStringField("url", url);
        g.writeStringField("timestamp", "20" + two(13 + r.nextInt(11)) + "-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28))
                + " " + two(r.nextInt(24)) + ":" + two(r.nextInt(60)) + ":" + two(r.nextInt(60)));
        g.writeObjectFieldStart("metadata");
        g.writeStringField("source", "loupe-bench");
        g.writeStringField("language", "en");
        g.writeNumberField("language_score", Math.round((0.65 + 0.35 * r.nextDouble()) * 10_000) / 10_000.0);
        g.writeNumberField("length", text.length());
        g.writeStringField("domain", domain);
        g.writeBooleanField("has_query", url.indexOf('?') >= 0);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    static Path shardFile(Path dir, int index) {
        return dir.resolve(String.format("bench-%05d.jsonl.gz", index));
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
