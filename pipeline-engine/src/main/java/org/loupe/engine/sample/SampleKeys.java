package org.loupe.engine.sample;

import java.nio.charset.StandardCharsets;

/** The sampling key of a record: a 64-bit hash of (seed, shard relative path, position). */
public final class SampleKeys {
    private SampleKeys() {
    }

    /** A hash of the shard's relative path, computed once per shard. */
    public static long shardHash(String relativePath) {
        long h = 0xcbf29ce484222325L;
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    public static long key(long seed, long shardHash, long position) {
        return mix(mix(seed ^ 0x9E3779B97F4A7C15L) ^ shardHash ^ mix(position + 0x632BE59BD9B4E019L));
    }

    /** Whether a key falls in the first {@code fraction} of the unsigned 64-bit range. */
    public static boolean inFraction(long key, double fraction) {
        if (fraction >= 1) {
            return true;
        }
        // Compare the top 53 bits as a double in [0, 1).
        double u = (key >>> 11) * 0x1.0p-53;
        return u < fraction;
    }

    /** Stafford's variant 13 of the SplitMix64 finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
