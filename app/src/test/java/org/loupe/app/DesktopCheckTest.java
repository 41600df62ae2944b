package org.loupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesktopCheckTest {
    private static final String CACHE_WITH_GTK = """
            1523 libs found in cache `/etc/ld.so.cache'
            \tlibgtk-3.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgtk-3.so.0
            \tlibc.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libc.so.6
            """;
    private static final String CACHE_WITHOUT_GTK = """
            1222 libs found in cache `/etc/ld.so.cache'
            \tlibgdk_pixbuf-2.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgdk_pixbuf-2.0.so.0
            \tlibc.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libc.so.6
            """;

    /** A machine made of what the check reads. */
    private record Fake(String osName, Map<String, String> env, Optional<String> loaderCache, Set<Path> files,
                        Optional<String> forcedGlassPlatform) implements DesktopCheck.Machine {
        @Override
        public boolean exists(Path file) {
            return files.stream().anyMatch(f -> f.equals(file) || f.startsWith(file));
        }

        static Fake linux(Map<String, String> env, String cache, Path... files) {
            return new Fake("Linux", env, Optional.ofNullable(cache), Set.of(files), Optional.empty());
        }
    }

    private static Map<String, String> x11() {
        return Map.of("DISPLAY", ":0");
    }

    @Test
    void linuxDesktopWithGtkInTheLoaderCacheOpensTheWorkbench() {
        assertThat(DesktopCheck.problem(Fake.linux(x11(), CACHE_WITH_GTK))).isEmpty();
        assertThat(DesktopCheck.problem(Fake.linux(Map.of("WAYLAND_DISPLAY", "wayland-0"), CACHE_WITH_GTK))).isEmpty();
    }

    @Test
    void linuxWithoutGtkSaysInOneSentenceWhatToInstall() {
        Optional<String> problem = DesktopCheck.problem(Fake.linux(x11(), CACHE_WITHOUT_GTK,
                Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6")));

        assertThat(problem).contains(DesktopCheck.NO_GTK);
        assertThat(problem.get()).contains("libgtk-3-0").contains("gtk3").doesNotContain("\n")
                .endsWith("run without it.");
    }

    @Test
    void gtkOnLdLibraryPathCountsEvenWhenTheCacheLacksIt() {
        Map<String, String> env = new HashMap<>(x11());
        env.put("LD_LIBRARY_PATH", "/opt/nothing::/opt/gtk/lib");

        assertThat(DesktopCheck.problem(Fake.linux(env, CACHE_WITHOUT_GTK, Path.of("/opt/gtk/lib/libgtk-3.so.0"))))
                .isEmpty();
    }

    @Test
    void withoutALoaderCacheTheStandardFoldersDecide() {
        assertThat(DesktopCheck.problem(Fake.linux(x11(), null, Path.of("/usr/lib64/libgtk-3.so.0")))).isEmpty();
        assertThat(DesktopCheck.problem(Fake.linux(x11(), null, Path.of("/usr/lib64/libc.so.6"))))
                .contains(DesktopCheck.NO_GTK);
    }

    @Test
    void aMachineWhoseLibrariesLieElsewhereLetsJavaFxTry() {
        // no cache, no standard library folders at all (a Nix-style layout): nothing is known to be missing
        assertThat(DesktopCheck.problem(Fake.linux(x11(), null, Path.of("/nix/store/x-gtk3/lib/libgtk-3.so.0"))))
                .isEmpty();
    }

    @Test
    void noDisplayIsOneSentenceBeforeGtkIsLookedFor() {
        assertThat(DesktopCheck.problem(Fake.linux(Map.of("DISPLAY", " "), CACHE_WITH_GTK)))
                .contains(DesktopCheck.NO_DISPLAY);
    }

    @Test
    void windowsMacAndForcedGlassPlatformsAreNotChecked() {
        var windows = new Fake("Windows 11", Map.of(), Optional.empty(), Set.of(), Optional.empty());
        var mac = new Fake("Mac OS X", Map.of(), Optional.empty(), Set.of(), Optional.empty());
        var monocle = new Fake("Linux", Map.of(), Optional.of(CACHE_WITHOUT_GTK), Set.of(), Optional.of("Monocle"));

        assertThat(DesktopCheck.problem(windows)).isEmpty();
        assertThat(DesktopCheck.problem(mac)).isEmpty();
        assertThat(DesktopCheck.problem(monocle)).isEmpty();
    }

    @Test
    void javaFxToolkitFailuresBecomeOneSentenceAndOtherFailuresStayBugs() {
        var linux = Fake.linux(x11(), CACHE_WITH_GTK);
        var noDisplay = new UnsupportedOperationException("Unable to open DISPLAY");
        var noGlass = new RuntimeException("Application launch failed",
                new UnsatisfiedLinkError("libglassgtk3.so: libgtk-3.so.0: cannot open shared object file"));
        var appBug = new RuntimeException("Exception in Application start method", new NullPointerException());

        assertThat(DesktopCheck.toolkitFailure(noDisplay, linux)).hasValueSatisfying(s ->
                assertThat(s).startsWith("loupe: JavaFX could not start its toolkit").contains("DISPLAY"));
        assertThat(DesktopCheck.toolkitFailure(noGlass, linux)).contains(DesktopCheck.NO_GTK);
        assertThat(DesktopCheck.toolkitFailure(appBug, linux)).isEmpty();
    }
}
