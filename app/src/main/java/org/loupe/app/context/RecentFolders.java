package org.loupe.app.context;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.loupe.engine.io.AtomicFiles;

/** The folders opened last, most recent first, kept in a small JSON file in the workspace. */
public final class RecentFolders {
    private static final int MAX = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public RecentFolders(Path file) {
        this.file = file;
    }

    public List<Path> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> names = JSON.readValue(file.toFile(), new TypeReference<List<String>>() { });
            return names.stream().map(Path::of).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Puts a folder first and saves; returns the new list. */
    public List<Path> add(Path folder) {
        List<Path> list = new ArrayList<>(load());
        Path abs = folder.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        while (list.size() > MAX) {
            list.remove(list.size() - 1);
        }
        try {
            AtomicFiles.write(file, out -> JSON.writeValue(out, list.stream().map(Path::toString).toList()));
        } catch (IOException e) {
            // Losing the recent list is harmless; the folder is open either way.
        }
        return List.copyOf(list);
    }
}
