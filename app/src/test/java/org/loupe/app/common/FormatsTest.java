package org.loupe.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void countsBelowTenThousandAreWrittenInFullAndLargerOnesWithASuffix() {
        assertThat(Formats.compactCount(0)).isEqualTo("0");
        assertThat(Formats.compactCount(9_999)).isEqualTo("9,999");
        assertThat(Formats.compactCount(12_345)).isEqualTo("12.3k");
        assertThat(Formats.compactCount(123_456)).isEqualTo("123k");
        assertThat(Formats.compactCount(999_999)).isEqualTo("1M");
        assertThat(Formats.compactCount(1_234_567)).isEqualTo("1.23M");
        assertThat(Formats.compactCount(20_000)).isEqualTo("20k");
        assertThat(Formats.compactCount(4_500_000_000L)).isEqualTo("4.5B");
        assertThat(Formats.compactCount(-12_345)).isEqualTo("-12.3k");
        assertThat(Formats.count(2_401_528)).isEqualTo("2,401,528");
    }

    @Test
    void compactCountsFitSixCharacters() {
        for (long n = 1; n < 1_000_000_000_000L; n = n * 3 + 7) {
            assertThat(Formats.compactCount(n).length()).as("%d", n).isLessThanOrEqualTo(6);
        }
    }

    @Test
    void sharesAreWholePercentsExceptNearNoneAndNearAll() {
        assertThat(Formats.percent(0.41)).isEqualTo("41%");
        assertThat(Formats.percent(0.025)).isEqualTo("2.5%");
        assertThat(Formats.percent(0.0004)).isEqualTo("<0.1%");
        assertThat(Formats.percent(0)).isEqualTo("0%");
        assertThat(Formats.percent(1)).isEqualTo("100%");
        assertThat(Formats.percent(0.996)).isEqualTo("99.6%");
        assertThat(Formats.percent(0.99999)).isEqualTo(">99.9%");
        assertThat(Formats.percent(0.02)).isEqualTo("2%");
        assertThat(Formats.percent(Double.NaN)).isEqualTo("–");
    }

    @Test
    void bytesUseBinaryMultiples() {
        assertThat(Formats.bytes(512)).isEqualTo("512 B");
        assertThat(Formats.bytes(3 * 1024 * 1024 + 100_000)).startsWith("3.1").endsWith("MB");
    }
}
