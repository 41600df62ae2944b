package org.loupe.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether this machine can show the workbench, asked before JavaFX starts so that a missing desktop is one
 * sentence and exit code {@value #EXIT_NO_DESKTOP}, never a stack trace. On Linux the workbench needs a display
 * (X11 or Wayland) and GTK 3, which JavaFX's glass loads ({@code libgtk-3.so.0}); Windows and macOS always have
 * what it needs. The headless commands never come here.
 */
final class DesktopCheck {
    /** The exit code when the workbench cannot open on this machine. */
    static final int EXIT_NO_DESKTOP = 3;

    static final String NO_GTK = "loupe: the workbench needs GTK 3 (install libgtk-3-0 on Debian/Ubuntu, gtk3 on "
            + "Fedora); the commands (loupe --help) run without it.";
    static final String NO_DISPLAY = "loupe: no display to open the workbench on (neither DISPLAY nor WAYLAND_DISPLAY "
            + "is set); the commands (loupe --help) run without one.";

    private static final String GTK = "libgtk-3.so.0";
    /** Where the dynamic loader looks when ld.so.cache cannot be read. */
    private static final List<String> STANDARD_DIRS = List.of("/lib", "/usr/lib", "/lib64", "/usr/lib64",
            "/usr/local/lib", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu");

    /**
     * What the diagnosis reads: the OS name, the environment, the loader's library cache as {@code ldconfig -p}
     * lists it (empty when it cannot be read), whether a file exists, and the JavaFX glass platform if one is
     * forced (Monocle for headless tests).
     */
    interface Machine {
        String osName();

        Map<String, String> env();

        Optional<String> loaderCache();

        boolean exists(Path file);

        Optional<String> forcedGlassPlatform();
    }

    private DesktopCheck() {
    }

    /** The sentence saying why the workbench cannot open here, or empty when nothing is known to be missing. */
    static Optional<String> problem(Machine m) {
        if (!m.osName().toLowerCase(Locale.ROOT).startsWith("linux") || m.forcedGlassPlatform().isPresent()) {
            return Optional.empty();
        }
        if (blank(m.env().get("DISPLAY")) && blank(m.env().get("WAYLAND_DISPLAY"))) {
            return Optional.of(NO_DISPLAY);
        }
        return hasGtk3(m) ? Optional.empty() : Optional.of(NO_GTK);
    }

    /**
     * Whether the dynamic loader can find GTK 3: in LD_LIBRARY_PATH, in the standard library folders, or in the
     * loader's cache. When none of these can tell, JavaFX is let try.
     */
    static boolean hasGtk3(Machine m) {
        List<String> dirs = new ArrayList<>();
        String ld = m.env().get("LD_LIBRARY_PATH");
        if (!blank(ld)) {
            dirs.addAll(List.of(ld.split(":")));
        }
        for (String dir : dirs) {
            if (!dir.isBlank() && m.exists(Path.of(dir, GTK))) {
                return true;
            }
        }
        // The standard folders first: a few file lookups, where the cache costs a process on every start.
        if (STANDARD_DIRS.stream().anyMatch(d -> m.exists(Path.of(d, GTK)))) {
            return true;
        }
        Optional<String> cache = m.loaderCache();
        if (cache.isPresent()) {
            return cache.get().contains(GTK);
        }
        return STANDARD_DIRS.stream().noneMatch(d -> m.exists(Path.of(d)));
    }

    /**
     * The sentence for an exception JavaFX threw while starting its toolkit (no usable display, no graphics
     * pipeline, glass's natives not loadable), or empty for anything else, which stays a bug with its trace.
     */
    static Optional<String> toolkitFailure(Throwable t, Machine m) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnsatisfiedLinkError) {
                return Optional.of(m.osName().toLowerCase(Locale.ROOT).startsWith("linux") ? NO_GTK
                        : "loupe: JavaFX could not load its native libraries (" + c.getMessage()
                        + "); the commands (loupe --help) run without them.");
            }
            String msg = String.valueOf(c.getMessage());
            if (msg.contains("Unable to open DISPLAY") || msg.contains("no suitable pipeline")
                    || msg.contains("No toolkit found") || msg.contains("QuantumRenderer")) {
                return Optional.of("loupe: JavaFX could not start its toolkit (" + msg.strip()
                        + "); the commands (loupe --help) run without it.");
            }
        }
        return Optional.empty();
    }

    /** This machine. */
    static Machine system() {
        return new Machine() {
            @Override
            public String osName() {
                return System.getProperty("os.name", "");
            }

            @Override
            public Map<String, String> env() {
                return System.getenv();
            }

            @Override
            public Optional<String> loaderCache() {
                for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
                    if (ldconfig.startsWith("/") && !Files.isExecutable(Path.of(ldconfig))) {
                        continue;
                    }
                    try {
                        Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                        p.getOutputStream().close();
                        String out;
                        try (InputStream in = p.getInputStream()) {
                            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                        if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isBlank()) {
                            return Optional.of(out);
                        }
                    } catch (IOException e) {
                        // not there: try the next one, then the standard folders
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Optional.empty();
                    }
                }
                return Optional.empty();
            }

            @Override
            public boolean exists(Path file) {
                return Files.exists(file);
            }

            @Override
            public Optional<String> forcedGlassPlatform() {
                return Optional.ofNullable(System.getProperty("glass.platform"));
            }
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
