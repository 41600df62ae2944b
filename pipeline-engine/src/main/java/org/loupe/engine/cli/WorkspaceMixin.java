package org.loupe.engine.cli;

import java.nio.file.Path;
import org.loupe.engine.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where derived data goes, and how many threads read. */
public final class WorkspaceMixin {
    @Option(names = "--workspace", paramLabel = "DIR", description = "Cache directory for samples and indexes (default: $LOUPE_CACHE or the user cache directory).")
    Path workspace;

    @Option(names = "--threads", paramLabel = "N", description = "Reading threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    /**
     * Checks the options up front: a thread count in range, and a workspace outside the input folder
     * ({@code inputBase}) that can be written.
     */
    public void check(CommandLine cli, Path inputBase) {
        CommandSupport.threads(cli, "--threads", threads);
        Path root = toWorkspace().root();
        CommandSupport.writable(cli, workspace != null ? "--workspace" : "the workspace (LOUPE_CACHE)", root, inputBase, true);
    }

    public Workspace toWorkspace() {
        return new Workspace(workspace != null ? workspace : Workspace.defaultRoot(System.getenv()));
    }

    public int threads() {
        return Math.max(1, threads);
    }
}
