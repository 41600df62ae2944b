package org.loupe.app.context;

import java.nio.file.Path;
import org.loupe.app.task.TaskRunner;
import org.loupe.engine.read.ReaderOptions;
import org.loupe.engine.workspace.Workspace;

/**
 * The composition root: every service the workbench uses, built once and passed down through
 * constructors (no singletons).
 *
 * @param workspace     where samples and other derived data live
 * @param tasks         background task runner
 * @param recentFolders recently opened folders
 * @param readerOptions how records become documents
 * @param threads       reading threads for sampling
 * @param languageIdentifier the language-ID model, loaded on first use
 */
public record AppContext(Workspace workspace, TaskRunner tasks, RecentFolders recentFolders, ReaderOptions readerOptions,
                         int threads, java.util.function.Supplier<org.loupe.engine.measure.lid.LanguageIdentifier> languageIdentifier) {

    public static AppContext create(Path workspaceRoot, TaskRunner tasks) {
        return new AppContext(new Workspace(workspaceRoot), tasks,
                new RecentFolders(workspaceRoot.resolve("recent-folders.json")), ReaderOptions.defaults(),
                Math.max(1, Runtime.getRuntime().availableProcessors()), new LazyLid());
    }

    /** Loads the bundled lid.176 model once, on first use, off the FX thread (from a task). */
    static final class LazyLid implements java.util.function.Supplier<org.loupe.engine.measure.lid.LanguageIdentifier> {
        private org.loupe.engine.measure.lid.LanguageIdentifier lid;

        @Override
        public synchronized org.loupe.engine.measure.lid.LanguageIdentifier get() {
            if (lid == null) {
                lid = org.loupe.engine.measure.lid.LanguageIdentifier.lid176();
            }
            return lid;
        }
    }

    /** This build's version ("dev" outside a packaged jar). */
    public static String version() {
        String v = AppContext.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
