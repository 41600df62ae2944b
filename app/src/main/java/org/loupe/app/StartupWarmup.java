package org.loupe.app;

import java.util.List;

/**
 * Loads and initialises, on a second core, the classes the workbench's first screen needs while JavaFX
 * starts its toolkit on the first: JSON (the workspace and the sample manifests), the readers' HTML
 * extractor, the English word tokenizer's rules. Class initialisation is thread-safe, so whichever thread
 * comes second waits for the first instead of doing the work twice. Nothing here changes state: a failure
 * only means the work happens later, where it is needed.
 */
final class StartupWarmup {
    private static final List<Runnable> STEPS = List.of(
            () -> new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("warm", 1).toString(),
            () -> init("org.loupe.engine.workspace.Workspace"),
            org.loupe.engine.read.ReaderOptions::defaults,
            org.loupe.engine.measure.text.EnglishTokenizer::shared,
            () -> init("org.loupe.engine.pipeline.steps.Presets"),
            () -> init("org.loupe.engine.sample.SampleManifest"));

    private StartupWarmup() {
    }

    /** Starts the warm-up on a daemon thread of low priority and returns at once. */
    static void start() {
        Thread t = new Thread(StartupWarmup::run, "loupe-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        for (Runnable step : STEPS) {
            try {
                step.run();
            } catch (RuntimeException | LinkageError e) {
                // Not needed for correctness: the same code runs again where it is used and reports there.
            }
        }
    }

    private static void init(String className) {
        try {
            Class.forName(className, true, StartupWarmup.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
