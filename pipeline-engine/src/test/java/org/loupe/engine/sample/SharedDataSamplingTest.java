package org.loupe.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.loupe.engine.testing.FolderListing;
import org.loupe.engine.testing.SharedData;

/** Sampling the real public fixtures in place (they are only read). Skips when they are absent. */
class SharedDataSamplingTest {

    @Test
    void samplingTheSharedFixturesIsReproducibleAcrossThreadCounts() throws IOException {
        Path shared = SharedData.dir();
        java.util.List<String> before = FolderListing.of(shared);
        SampleSpec spec = SampleSpec.ofSize(200, 42);

        SamplerPropertiesTest.Drawn one = SamplerPropertiesTest.draw(shared, spec, 1);
        SamplerPropertiesTest.Drawn two = SamplerPropertiesTest.draw(shared, spec, 2);
        SamplerPropertiesTest.Drawn four = SamplerPropertiesTest.draw(shared, spec, 4);

        assertThat(one.ids()).hasSize(200).doesNotHaveDuplicates();
        assertThat(two.ids()).isEqualTo(one.ids());
        assertThat(four.ids()).isEqualTo(one.ids());
        assertThat(two.texts()).isEqualTo(one.texts());
        assertThat(four.texts()).isEqualTo(one.texts());
        assertThat(four.problemLines()).isEqualTo(one.problemLines());
        // The C4 fixture alone has 1000 documents: 200 is a real sample of a larger whole.
        assertThat(one.manifest().stats().documents()).isGreaterThan(1000);
        assertThat(one.manifest().stats().records())
                .isEqualTo(one.manifest().stats().documents() + one.manifest().stats().skipped());
        assertThat(FolderListing.of(shared)).isEqualTo(before);
    }
}
