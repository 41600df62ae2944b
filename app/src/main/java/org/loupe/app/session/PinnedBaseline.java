package org.loupe.app.session;

import java.util.Objects;
import org.loupe.engine.pipeline.PipelineConfig;

/**
 * A baseline pinned in Diffs, as the workbench remembers it: the pipeline compared with (its enabled steps)
 * and what the view calls it ("the preset gopher", "the pipeline as pinned (fineweb)").
 */
public record PinnedBaseline(PipelineConfig config, String name) {
    public PinnedBaseline {
        Objects.requireNonNull(config);
        Objects.requireNonNull(name);
    }
}
