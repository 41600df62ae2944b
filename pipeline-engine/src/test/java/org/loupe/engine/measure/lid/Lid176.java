package org.loupe.engine.measure.lid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real {@code lid.176.ftz}, read from the assets module's source folder. The engine does not depend on the
 * assets module (not even for tests), so the file is found by its place in the repository, relative to this
 * module's folder (the working directory of its tests).
 */
final class Lid176 {
    static final Path FILE = Path.of("..", "assets", "src", "main", "resources", "org", "loupe", "assets", "models",
            "lid.176.ftz");

    private static FastTextModel model;

    private Lid176() {
    }

    static synchronized FastTextModel model() {
        if (model == null) {
            assertThat(FILE).as("lid.176.ftz ships in the assets module").isRegularFile();
            try {
                model = FastTextModel.load(FILE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }

    static boolean present() {
        return Files.isRegularFile(FILE);
    }
}
