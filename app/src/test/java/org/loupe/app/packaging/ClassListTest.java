package org.loupe.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class list the build dumps the class-data-sharing archive from (docs/adr/0018-class-data-sharing.md) is
 * generated, committed, and goes stale as the code changes: a class it names that no longer exists is skipped
 * at dump time, and start-up slows quietly. This test says when to write it again.
 */
class ClassListTest {
    private static final Path LIST = Path.of("src/main/cds/loupe.classlist");

    @Test
    void theClassListNamesTheWorkbenchsStartAndStillExists() throws IOException {
        List<String> own = Files.readAllLines(LIST).stream()
                .filter(l -> l.startsWith("org/loupe/"))
                .map(l -> l.split(" ")[0])
                .toList();
        assertThat(own).contains("org/loupe/app/Main", "org/loupe/app/WorkbenchApp", "org/loupe/app/shell/MainView",
                "org/loupe/app/browse/BrowseView");
        long missing = own.stream().filter(name -> getClass().getClassLoader().getResource(name + ".class") == null).count();
        assertThat((double) missing / own.size())
                .as("share of the class list's Loupe classes that no longer exist: rewrite it with "
                        + "`java -jar app/target/loupe.jar bench startup --class-list app/src/main/cds/loupe.classlist` under a display")
                .isLessThan(0.05);
    }

    @Test
    void theClassListCoversJavaFxAndTheJdkAsWell() throws IOException {
        List<String> lines = Files.readAllLines(LIST);
        assertThat(lines).anyMatch(l -> l.startsWith("javafx/scene/control/TableView"))
                .anyMatch(l -> l.startsWith("java/lang/Object"));
    }
}
