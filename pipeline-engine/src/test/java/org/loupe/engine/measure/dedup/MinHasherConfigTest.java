package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loupe.engine.measure.dedup.MinHasher.HashFunction;
import org.loupe.engine.measure.text.EnglishTokenizer;

/**
 * A non-default {@link MinHashConfig} (3-grams, 20 buckets of 5, seed 7) gives the signature of the spec's
 * formula, computed here by brute force: shingles as strings from the public tokenizer, the hash of each
 * shingle's UTF-8 bytes, numpy's permutations read from the golden file (not from {@link NumpyRandomState}),
 * and {@code min(((s * a + b) mod 2^64) mod (2^61 - 1))} in {@link BigInteger}s.
 */
class MinHasherConfigTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MERSENNE = BigInteger.ONE.shiftLeft(61).subtract(BigInteger.ONE);

    @Test
    void threeGramsTwentyBucketsOfFiveSeedSevenEqualTheBruteForce() throws Exception {
        MinHashConfigTest.JsonCase perm = MinHashConfigTest.JsonCase.of(7, 100);
        List<String> texts = new ArrayList<>(DedupGolden.texts().subList(0, 60));
        texts.add("three little words");
        texts.add("Only two");
        texts.add("Ünïcödé wörds — and 😀 emoji, repeated repeated repeated repeated");
        for (HashFunction f : HashFunction.values()) {
            MinHashConfig config = new MinHashConfig(3, 20, 5, 7, f);
            MinHasher hasher = new MinHasher(config);
            int withSignature = 0;
            for (String text : texts) {
                long[] expected = bruteForce(text, 3, f, perm.a(), perm.b());
                long[] actual = hasher.signature(text);
                if (expected == null) {
                    assertThat(actual).as("%s: %s", f, text).isNull();
                } else {
                    withSignature++;
                    assertThat(actual).as("%s: %s", f, text).hasSize(100).containsExactly(expected);
                }
            }
            assertThat(withSignature).isGreaterThan(55);
            assertThat(hasher.signature("three little words")).hasSize(100);
            assertThat(hasher.signature("Only two")).isNull();
        }
    }

    @Test
    void theDefaultConfigEqualsTheBruteForceWithDatatrovesConstantsAndTheHashFunctionConstructor() throws Exception {
        MinHashConfigTest.JsonCase perm = MinHashConfigTest.JsonCase.of(1, 112);
        List<String> texts = DedupGolden.texts().subList(0, 30);
        MinHasher viaConfig = new MinHasher(MinHashConfig.DEFAULT);
        MinHasher viaHash = new MinHasher(HashFunction.XXHASH, EnglishTokenizer.shared());
        for (String text : texts) {
            long[] expected = bruteForce(text, 5, HashFunction.XXHASH, perm.a(), perm.b());
            assertThat(viaConfig.signature(text)).isEqualTo(expected);
            assertThat(viaHash.signature(text)).isEqualTo(expected);
        }
    }

    @Test
    void oneGramsAndOneHashWork() throws Exception {
        MinHashConfig config = new MinHashConfig(1, 1, 1, 0, HashFunction.XXHASH);
        MinHashConfigTest.JsonCase perm = MinHashConfigTest.JsonCase.of(0, 1);
        MinHasher hasher = new MinHasher(config);
        assertThat(hasher.signature("")).isNull();
        assertThat(hasher.signature("word")).containsExactly(bruteForce("word", 1, HashFunction.XXHASH, perm.a(), perm.b()));
    }

    /** The spec's signature, or null when the text has fewer than {@code n} words. */
    private static long[] bruteForce(String text, int n, HashFunction f, long[] a, long[] b) throws Exception {
        List<String> words = EnglishTokenizer.shared().words(TextNormalizer.simplify(text));
        if (words.size() < n) {
            return null;
        }
        List<BigInteger> shingles = new ArrayList<>();
        for (int i = 0; i + n <= words.size(); i++) {
            byte[] bytes = String.join(" ", words.subList(i, i + n)).getBytes(StandardCharsets.UTF_8);
            long h;
            if (f == HashFunction.XXHASH) {
                h = XxHash64.hash(bytes, 0, bytes.length);
            } else {
                byte[] d = MessageDigest.getInstance("SHA-1").digest(bytes);
                h = 0;
                for (int k = 0; k < 8; k++) {
                    h |= (d[k] & 0xFFL) << (8 * k);
                }
            }
            shingles.add(unsigned(h));
        }
        long[] sig = new long[a.length];
        for (int j = 0; j < a.length; j++) {
            BigInteger min = null;
            for (BigInteger s : shingles) {
                BigInteger v = s.multiply(unsigned(a[j])).add(unsigned(b[j])).mod(TWO_64).mod(MERSENNE);
                if (min == null || v.compareTo(min) < 0) {
                    min = v;
                }
            }
            sig[j] = min.longValueExact();
        }
        return sig;
    }

    private static BigInteger unsigned(long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }
}
