package org.loupe.engine.sample;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Which documents make up a sample. Exactly one of {@code size} and {@code fraction} is set.
 *
 * <p>Every record gets a 64-bit key from (seed, shard path relative to the folder, position in the
 * shard). A size-{@code n} sample is the {@code n} documents with the smallest keys (bottom-k); a
 * fraction-{@code f} sample is every document whose key falls below {@code f · 2^64}. Either way the
 * sample depends only on the seed and the data: not on the order shards are read in, nor on the number
 * of threads.
 *
 * @param seed     the seed; the same seed on the same data gives the same sample
 * @param size     number of documents, or 0 when {@code fraction} is used
 * @param fraction fraction of documents in (0, 1], or 0 when {@code size} is used
 * @param shards   relative paths of the shards to sample from; empty means all
 */
public record SampleSpec(long seed, int size, double fraction, List<String> shards) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_SIZE = 10_000;

    public SampleSpec {
        shards = shards == null ? List.of() : List.copyOf(shards);
        if (size < 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        if (Double.isNaN(fraction) || fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
        }
        if ((size > 0) == (fraction > 0)) {
            throw new IllegalArgumentException("give exactly one of size (> 0) and fraction (in (0, 1])");
        }
    }

    public static SampleSpec ofSize(int size, long seed) {
        return new SampleSpec(seed, size, 0, List.of());
    }

    public static SampleSpec ofFraction(double fraction, long seed) {
        return new SampleSpec(seed, 0, fraction, List.of());
    }

    public SampleSpec withShards(List<String> relativePaths) {
        return new SampleSpec(seed, size, fraction, relativePaths);
    }

    @JsonIgnore
    public boolean bySize() {
        return size > 0;
    }

    /** "10,000 docs, seed 42" or "1% of docs, seed 42". */
    public String describe() {
        String what = bySize() ? String.format("%,d docs", size) : String.format("%s%% of docs", trim(fraction * 100));
        return what + ", seed " + seed + (shards.isEmpty() ? "" : ", " + shards.size() + " shard(s)");
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
