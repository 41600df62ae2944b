package org.loupe.app.common;

import java.io.IOException;
import org.loupe.app.context.AppContext;
import org.loupe.engine.measure.MetricTable;
import org.loupe.engine.run.SampleMeasurements;
import org.loupe.engine.sample.Sample;
import org.loupe.engine.task.TaskContext;

/** The language of every sampled document, as Browse, Search and Clusters show it. */
public final class SampleLanguages {
    private SampleLanguages() {
    }

    /**
     * The language code of each row ("en"; null when unknown): read from the sample's workspace folder, or
     * identified once (slow: run it in a task).
     */
    public static String[] identify(AppContext context, Sample sample, TaskContext ctx) throws IOException {
        MetricTable t = SampleMeasurements.languages(sample, context.languageIdentifier().get(), context.threads(), ctx);
        return t.labelPerRow("language");
    }
}
