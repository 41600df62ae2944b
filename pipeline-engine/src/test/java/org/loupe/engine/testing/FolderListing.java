package org.loupe.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A folder's files with sizes and modification times: compare before and after to prove nothing was written. */
public final class FolderListing {
    private FolderListing() {
    }

    public static List<String> of(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> {
                try {
                    return dir.relativize(p) + " " + (Files.isRegularFile(p)
                            ? Files.size(p) + " " + Files.getLastModifiedTime(p) : "dir");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
