package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.loupe.engine.testing.Golden;

/**
 * {@link NumpyRandomState} draws exactly what numpy's legacy {@code RandomState(seed).randint(low, high, size,
 * dtype=np.uint64)} draws: the golden file {@code numpy_randint_uint64.json} next to this class's resources was
 * written by numpy 2.4.6 with the script in that folder's README.md.
 */
class NumpyRandomStateGoldenTest {
    private static final long P = (1L << 61) - 1;

    static JsonNode golden() {
        try (InputStream in = NumpyRandomStateGoldenTest.class.getResourceAsStream("numpy_randint_uint64.json")) {
            assertThat(in).as("numpy_randint_uint64.json on the test classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v.isTextual() ? Long.parseUnsignedLong(v.asText()) : v.asLong();
        }
        return out;
    }

    @Test
    void aThenBEqualNumpyForEverySeedAndSize() {
        JsonNode cases = golden().get("cases");
        assertThat(cases).hasSize(6 * 7);
        for (JsonNode c : cases) {
            NumpyRandomState gen = new NumpyRandomState(c.get("seed").asLong());
            int size = c.get("size").asInt();
            String what = "seed " + c.get("seed") + " size " + size;
            assertThat(gen.randintUint64(1, P, size)).as("a, " + what).containsExactly(longs(c.get("a")));
            assertThat(gen.randintUint64(0, P, size)).as("b, " + what).containsExactly(longs(c.get("b")));
        }
    }

    @Test
    void rangesDrawnInARowEqualNumpyIncludingThe32BitPaths() {
        JsonNode seq = golden().get("sequence");
        NumpyRandomState gen = new NumpyRandomState(seq.get("seed").asLong());
        assertThat(seq.get("draws")).hasSize(8);
        for (JsonNode d : seq.get("draws")) {
            long low = Long.parseUnsignedLong(d.get("low").asText());
            long high = Long.parseUnsignedLong(d.get("high").asText());
            assertThat(gen.randintUint64(low, high, d.get("size").asInt()))
                    .as("randint(%s, %s)", d.get("low").asText(), d.get("high").asText())
                    .containsExactly(longs(d.get("values")));
        }
    }

    @Test
    void seedOneDrawsTheShippedDatatroveConstants() throws IOException {
        JsonNode params;
        try (InputStream in = Golden.open("minhash_params.json")) {
            params = new ObjectMapper().readTree(in);
        }
        long[] a = longs(params.get("a"));
        long[] b = longs(params.get("b"));
        assertThat(a).hasSize(112);
        NumpyRandomState gen = new NumpyRandomState(1);
        assertThat(gen.randintUint64(1, P, 112)).containsExactly(a);
        assertThat(gen.randintUint64(0, P, 112)).containsExactly(b);
        assertThat(MinHasher.permutationA()).containsExactly(a);
        assertThat(MinHasher.permutationB()).containsExactly(b);
        assertThat(MinHashConfig.DEFAULT.permutationA()).containsExactly(a);
        assertThat(MinHashConfig.DEFAULT.permutationB()).containsExactly(b);
    }

    @Test
    void theGeneratorIsMt19937InitGenrand() {
        // the first outputs of the reference mt19937ar.c after init_genrand(5489), its default seed
        NumpyRandomState gen = new NumpyRandomState(5489);
        assertThat(gen.nextUint32()).isEqualTo(3499211612L);
        assertThat(gen.nextUint32()).isEqualTo(581869302L);
        assertThat(gen.nextUint32()).isEqualTo(3890346734L);
        // numpy's 64-bit output: the first 32-bit output is the high half
        NumpyRandomState x = new NumpyRandomState(42);
        NumpyRandomState y = new NumpyRandomState(42);
        long hi = y.nextUint32();
        long lo = y.nextUint32();
        assertThat(x.nextUint64()).isEqualTo(hi << 32 | lo);
    }

    @Test
    void invalidArgumentsAreRefusedLikeNumpy() {
        assertThatThrownBy(() -> new NumpyRandomState(-1)).hasMessageContaining("between 0 and 2^32 - 1");
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).hasMessageContaining("between 0 and 2^32 - 1");
        NumpyRandomState gen = new NumpyRandomState(0);
        assertThatThrownBy(() -> gen.randintUint64(5, 5, 1)).hasMessageContaining("low >= high");
        assertThatThrownBy(() -> gen.randintUint64(-1L, 3, 1)).hasMessageContaining("18446744073709551615 >= 3");
        assertThatThrownBy(() -> gen.randintUint64(0, 3, -1)).hasMessageContaining("size");
        assertThat(gen.randintUint64(0, 3, 0)).isEmpty();
        assertThat(NumpyRandomState.mask(1)).isEqualTo(1);
        assertThat(NumpyRandomState.mask(P - 1)).isEqualTo(P);
        assertThat(NumpyRandomState.mask(1L << 32)).isEqualTo((1L << 33) - 1);
    }
}
