package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.loupe.engine.measure.dedup.MinHasher.HashFunction;

/** {@link MinHashConfig}: datatrove's defaults, validation, and permutations drawn once per seed and length. */
class MinHashConfigTest {
    @Test
    void theDefaultIsDatatrovesMinhashConfig() {
        MinHashConfig d = MinHashConfig.DEFAULT;
        assertThat(d).isEqualTo(new MinHashConfig(5, 14, 8, 1, HashFunction.XXHASH));
        assertThat(d.numHashes()).isEqualTo(112).isEqualTo(MinHasher.NUM_HASHES);
        assertThat(d.nGrams()).isEqualTo(MinHasher.N_GRAMS);
        assertThat(MinHashConfig.withHash(HashFunction.SHA1)).isEqualTo(new MinHashConfig(5, 14, 8, 1, HashFunction.SHA1));
        assertThat(new MinHasher(HashFunction.SHA1).config()).isEqualTo(MinHashConfig.withHash(HashFunction.SHA1));
        assertThat(new MinHasher(MinHashConfig.DEFAULT).hashFunction()).isEqualTo(HashFunction.XXHASH);
    }

    @Test
    void invalidValuesAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> new MinHashConfig(0, 14, 8, 1, HashFunction.XXHASH))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("nGrams must be at least 1, got 0");
        assertThatThrownBy(() -> new MinHashConfig(5, 0, 8, 1, HashFunction.XXHASH))
                .hasMessage("numBuckets must be at least 1, got 0");
        assertThatThrownBy(() -> new MinHashConfig(5, 14, -2, 1, HashFunction.XXHASH))
                .hasMessage("hashesPerBucket must be at least 1, got -2");
        assertThatThrownBy(() -> new MinHashConfig(5, 14, 8, -1, HashFunction.XXHASH))
                .hasMessage("seed must be between 0 and 2^32 - 1, got -1");
        assertThatThrownBy(() -> new MinHashConfig(5, 14, 8, 1L << 32, HashFunction.XXHASH))
                .hasMessage("seed must be between 0 and 2^32 - 1, got 4294967296");
        assertThatThrownBy(() -> new MinHashConfig(5, 14, 8, 1, null)).hasMessage("hashFunction must not be null");
        assertThatThrownBy(() -> new MinHashConfig(5, 1 << 16, 2, 1, HashFunction.XXHASH))
                .hasMessageContaining("at most 65536");
        // the extremes are accepted
        assertThat(new MinHashConfig(1, 1, 1, 0, HashFunction.SHA1).numHashes()).isEqualTo(1);
        assertThat(new MinHashConfig(5, 1, 1 << 16, 0xFFFFFFFFL, HashFunction.XXHASH).numHashes()).isEqualTo(1 << 16);
    }

    @Test
    void permutationsAreNumpysDrawsCachedPerSeedAndLength() {
        JsonCase c = JsonCase.of(42, 200);
        MinHashConfig config = new MinHashConfig(3, 25, 8, 42, HashFunction.XXHASH);
        assertThat(config.permutationA()).containsExactly(c.a());
        assertThat(config.permutationB()).containsExactly(c.b());
        // the same (seed, length) shares one pair of arrays, whatever the rest of the configuration
        MinHashConfig other = new MinHashConfig(7, 40, 5, 42, HashFunction.SHA1);
        assertThat(other.permutations()).isSameAs(config.permutations());
        assertThat(new MinHashConfig(3, 20, 8, 42, HashFunction.XXHASH).permutations()).isNotSameAs(config.permutations());
        // the public accessors hand out copies
        config.permutationA()[0] = 0;
        assertThat(config.permutationA()[0]).isEqualTo(c.a()[0]);
    }

    /** One case of the numpy golden file. */
    record JsonCase(long[] a, long[] b) {
        static JsonCase of(long seed, int size) {
            for (var node : NumpyRandomStateGoldenTest.golden().get("cases")) {
                if (node.get("seed").asLong() == seed && node.get("size").asInt() == size) {
                    return new JsonCase(NumpyRandomStateGoldenTest.longs(node.get("a")),
                            NumpyRandomStateGoldenTest.longs(node.get("b")));
                }
            }
            throw new AssertionError("no golden case for seed " + seed + " size " + size);
        }
    }
}
