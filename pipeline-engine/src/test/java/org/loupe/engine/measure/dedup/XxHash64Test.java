package org.loupe.engine.measure.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XxHash64Test {
    @Test
    void knownVectors() {
        assertThat(XxHash64.hash("")).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(XxHash64.hash("a")).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(XxHash64.hash("abc")).isEqualTo(0x44BC2CF5AD770999L);
    }

    @Test
    void hashesARangeInPlace() {
        byte[] b = "xxabcxx".getBytes(StandardCharsets.UTF_8);
        assertThat(XxHash64.hash(b, 2, 3)).isEqualTo(XxHash64.hash("abc"));
        String longer = "the quick brown fox jumps over the lazy dog, again and again and again";
        byte[] lb = ("__" + longer).getBytes(StandardCharsets.UTF_8);
        assertThat(XxHash64.hash(lb, 2, lb.length - 2)).isEqualTo(XxHash64.hash(longer));
    }
}
