package org.loupe.engine.measure.dedup;

/**
 * numpy's legacy {@code numpy.random.RandomState(seed)} for a scalar integer seed, as far as datatrove's MinHash
 * needs it: the MT19937 generator seeded by {@code init_genrand(seed)} and
 * {@code randint(low, high, size=n, dtype=np.uint64)}, which draws by masked rejection sampling (numpy's
 * {@code random_bounded_uint64_fill} with {@code use_masked=True}, what {@code RandomState} always uses).
 *
 * <p>With {@code rng = high - 1 - low} and {@code mask} the smallest {@code 2^k - 1 >= rng}:
 * <ul>
 *   <li>{@code rng == 0}: every value is {@code low}, and nothing is drawn;</li>
 *   <li>{@code rng < 2^32 - 1}: one 32-bit output {@code x} per try, {@code x & mask} accepted when {@code <= rng};</li>
 *   <li>{@code rng == 2^32 - 1}: one 32-bit output per value, taken as is;</li>
 *   <li>{@code rng == 2^64 - 1}: one 64-bit output per value, taken as is;</li>
 *   <li>otherwise one 64-bit output per try, built from two 32-bit outputs, the first one the high half,
 *       {@code x & mask} accepted when {@code <= rng} (unsigned).</li>
 * </ul>
 * Each value is {@code low + accepted}, wrapping at 64 bits. Not thread-safe: one generator is one stream.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;
    /** The largest seed numpy accepts for a scalar: {@code 2^32 - 1}. */
    public static final long MAX_SEED = 0xFFFFFFFFL;

    private final int[] mt = new int[N];
    private int pos;

    /** {@code RandomState(seed)}; numpy refuses a seed outside {@code [0, 2^32 - 1]}, and so does this. */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1, got " + seed);
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            mt[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    /** The next 32-bit output of MT19937, as an unsigned value. */
    public long nextUint32() {
        return next32() & 0xFFFFFFFFL;
    }

    /** The next 64-bit output: two 32-bit outputs, the first one the high half (numpy's {@code mt19937_next64}). */
    public long nextUint64() {
        long hi = next32() & 0xFFFFFFFFL;
        long lo = next32() & 0xFFFFFFFFL;
        return hi << 32 | lo;
    }

    /**
     * {@code randint(low, high, size=size, dtype=np.uint64)}: {@code size} values in {@code [low, high)}, where
     * {@code low} and {@code high} and the values are unsigned 64-bit ({@code high} is at most {@code 2^64 - 1}
     * here, as a {@code long} cannot hold numpy's largest bound {@code 2^64}).
     */
    public long[] randintUint64(long low, long high, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        if (Long.compareUnsigned(low, high) >= 0) {
            throw new IllegalArgumentException("low >= high: " + Long.toUnsignedString(low) + " >= "
                    + Long.toUnsignedString(high));
        }
        long rng = high - 1 - low;
        long[] out = new long[size];
        if (rng == 0) {
            java.util.Arrays.fill(out, low);
        } else if (Long.compareUnsigned(rng, 0xFFFFFFFFL) <= 0) {
            if (rng == 0xFFFFFFFFL) {
                for (int i = 0; i < size; i++) {
                    out[i] = low + nextUint32();
                }
            } else {
                long mask = mask(rng);
                for (int i = 0; i < size; i++) {
                    long v;
                    do {
                        v = nextUint32() & mask;
                    } while (v > rng);
                    out[i] = low + v;
                }
            }
        } else if (rng == -1L) {
            for (int i = 0; i < size; i++) {
                out[i] = low + nextUint64();
            }
        } else {
            long mask = mask(rng);
            for (int i = 0; i < size; i++) {
                long v;
                do {
                    v = nextUint64() & mask;
                } while (Long.compareUnsigned(v, rng) > 0);
                out[i] = low + v;
            }
        }
        return out;
    }

    /** The smallest {@code 2^k - 1 >= rng} (numpy's {@code gen_mask}). */
    static long mask(long rng) {
        long m = rng;
        m |= m >>> 1;
        m |= m >>> 2;
        m |= m >>> 4;
        m |= m >>> 8;
        m |= m >>> 16;
        m |= m >>> 32;
        return m;
    }

    private int next32() {
        if (pos >= N) {
            generate();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void generate() {
        int k = 0;
        for (; k < N - M; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
            mt[k] = mt[k + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; k < N - 1; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
            mt[k] = mt[k + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }
}
