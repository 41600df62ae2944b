package org.loupe.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The five platform jars, checked without building them (docs/adr/0016-platform-jars.md): the shade rules are read
 * from this module's POM, the very ones {@code package} and {@code -Prelease-jars} use, and applied to the actual
 * dependency jars that carry natives (ONNX Runtime, zstd-jni, DJL's tokenizers, JNA, and JavaFX's graphics jar of
 * every classifier, which {@code process-test-resources} copies to target/platform-javafx). What each library loads
 * is written here from its loader, independently of the POM.
 */
class PlatformJarRulesTest {
    private static final Path POM = Path.of("pom.xml");
    private static final Path JAVAFX = Path.of("target", "platform-javafx");

    /**
     * A desktop platform: its JavaFX classifier, OS and CPU as the binaries' headers name them, and the folder each
     * library's loader reads: ONNX Runtime's {@code OnnxRuntime} ai/onnxruntime/native/&lt;os&gt;-&lt;arch&gt;,
     * zstd-jni's {@code util.Native} &lt;os&gt;/&lt;arch&gt;, DJL's tokenizers {@code LibUtils}
     * native/lib/&lt;os&gt;-&lt;arch&gt;/cpu (DJL 0.36 ships none for Intel macOS), JNA's {@code Platform}
     * com/sun/jna/&lt;os&gt;-&lt;arch&gt;.
     */
    enum Platform {
        LINUX("linux", "linux", "x86_64", "linux-x64", "linux/amd64", "linux-x86_64", "linux-x86-64"),
        LINUX_AARCH64("linux-aarch64", "linux", "aarch64", "linux-aarch64", "linux/aarch64", "linux-aarch64",
                "linux-aarch64"),
        WIN("win", "windows", "x86_64", "win-x64", "win/amd64", "win-x86_64", "win32-x86-64"),
        MAC("mac", "macos", "x86_64", "osx-x64", "darwin/x86_64", null, "darwin-x86-64"),
        MAC_AARCH64("mac-aarch64", "macos", "aarch64", "osx-aarch64", "darwin/aarch64", "osx-aarch64",
                "darwin-aarch64");

        final String classifier;
        final String os;
        final String arch;
        final String onnxruntime;
        final String zstd;
        final String tokenizers;
        final String jna;

        Platform(String classifier, String os, String arch, String onnxruntime, String zstd, String tokenizers,
                 String jna) {
            this.classifier = classifier;
            this.os = os;
            this.arch = arch;
            this.onnxruntime = "ai/onnxruntime/native/" + onnxruntime + "/";
            this.zstd = zstd + "/";
            this.tokenizers = tokenizers == null ? null : "native/lib/" + tokenizers + "/cpu/";
            this.jna = "com/sun/jna/" + jna + "/";
        }

        String ext() {
            return switch (os) {
                case "windows" -> "dll";
                case "macos" -> "dylib";
                default -> "so";
            };
        }

        /** The files the libraries load on this platform, as patterns over jar entries. */
        List<Pattern> loaded() {
            String lib = os.equals("windows") ? "" : "lib";
            String ext = Pattern.quote("." + ext());
            List<String> p = new ArrayList<>(List.of(
                    Pattern.quote(onnxruntime + lib + "onnxruntime") + ext,
                    Pattern.quote(onnxruntime + lib + "onnxruntime4j_jni") + ext,
                    Pattern.quote(zstd + "libzstd-jni-") + "[^/]+" + ext,
                    Pattern.quote(jna + lib + "jnidispatch") + (os.equals("macos") ? "\\.jnilib" : ext),
                    lib + "glass" + ext, lib + "prism_sw" + ext, lib + "javafx_font" + ext, lib + "javafx_iio" + ext));
            if (os.equals("linux")) {
                p.add("libglassgtk3" + ext);
            }
            if (tokenizers != null) {
                p.add(Pattern.quote(tokenizers + lib + "tokenizers") + ext);
            }
            return p.stream().map(Pattern::compile).toList();
        }
    }

    /** A dependency jar with natives, and the folder its loader reads on a platform ("" = top level). */
    private record Source(String groupId, String artifactId, String classifier, Path jar) {
        String nativeFolder(Platform p) {
            return switch (artifactId) {
                case "onnxruntime" -> p.onnxruntime;
                case "zstd-jni" -> p.zstd;
                case "tokenizers" -> p.tokenizers;
                case "jna" -> p.jna;
                default -> "";
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void platformJarHoldsTheNativesItsLibrariesLoadThereAndNoOthers(Platform platform) throws IOException {
        ShadeRules rules = ShadeRules.read(POM, platform.classifier);
        Map<String, NativeBinary> kept = new LinkedHashMap<>();
        Map<String, Source> from = new LinkedHashMap<>();
        List<String> debug = new ArrayList<>();
        for (Source s : sources()) {
            if (!rules.includesArtifact(s.groupId(), s.artifactId(), "jar", s.classifier())) {
                continue;
            }
            try (ZipFile zip = new ZipFile(s.jar().toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    String name = e.getName();
                    if (e.isDirectory() || !rules.keeps(s.groupId(), s.artifactId(), name)) {
                        continue;
                    }
                    if (NativeBinary.isDebugOrLinkFile(name)) {
                        debug.add(name);
                    } else if (NativeBinary.isNativeLibrary(name)) {
                        kept.put(name, NativeBinary.of(header(zip, e)));
                        from.put(name, s);
                    }
                }
            }
        }

        assertThat(debug).as("debug symbols and link files in the %s jar", platform.classifier).isEmpty();
        for (Pattern loaded : platform.loaded()) {
            assertThat(kept.keySet().stream().filter(n -> loaded.matcher(n).matches()))
                    .as("the %s jar holds %s", platform.classifier, loaded).hasSize(1);
        }
        kept.forEach((name, binary) -> {
            String folder = from.get(name).nativeFolder(platform);
            assertThat(folder).as("%s: its library loads nothing on %s", name, platform.classifier).isNotNull();
            assertThat(name.startsWith(folder) && name.indexOf('/', folder.length()) < 0)
                    .as("%s lies where %s's loader looks on %s (%s)", name, from.get(name).artifactId(),
                            platform.classifier, folder.isEmpty() ? "top level" : folder)
                    .isTrue();
            assertThat(binary.os()).as("%s is built for", name).isEqualTo(platform.os);
            assertThat(binary.archs()).as("%s is built for", name).contains(platform.arch);
        });
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void platformRulesLeaveOutNothingButNativesAndDebugFiles(Platform platform) throws IOException {
        ShadeRules rules = ShadeRules.read(POM, platform.classifier);
        List<String> dropped = new ArrayList<>();
        for (Source s : sources()) {
            if (!rules.includesArtifact(s.groupId(), s.artifactId(), "jar", s.classifier())) {
                continue;
            }
            try (ZipFile zip = new ZipFile(s.jar().toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    String name = e.getName();
                    if (!e.isDirectory() && !rules.keeps(s.groupId(), s.artifactId(), name)
                            && !NativeBinary.isNativeLibrary(name) && !NativeBinary.isDebugOrLinkFile(name)
                            && !name.endsWith("module-info.class") && !name.equals("META-INF/MANIFEST.MF")) {
                        dropped.add(s.artifactId() + "!" + name);
                    }
                }
            }
        }
        assertThat(dropped).as("classes and resources the %s jar would lose", platform.classifier).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void platformJarTakesOnlyItsOwnJavaFxClassifier(Platform platform) throws IOException {
        ShadeRules rules = ShadeRules.read(POM, platform.classifier);
        for (Platform other : Platform.values()) {
            for (String module : List.of("javafx-base", "javafx-graphics", "javafx-controls")) {
                assertThat(rules.includesArtifact("org.openjfx", module, "jar", other.classifier))
                        .as("the %s jar takes %s:%s", platform.classifier, module, other.classifier)
                        .isEqualTo(other == platform);
            }
        }
        assertThat(rules.includesArtifact("org.openjfx", "javafx-controls", "jar", "")).isTrue();
    }

    @Test
    void onlyTheLibrariesWithRulesBringNatives() throws IOException {
        var carriers = new TreeSet<String>();
        for (String element : testClassPath()) {
            Path p = Path.of(element);
            if (!element.endsWith(".jar") || !Files.isRegularFile(p)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(p.toFile())) {
                if (Collections.list(zip.entries()).stream()
                        .anyMatch(e -> NativeBinary.isNativeLibrary(e.getName()))) {
                    carriers.add(p.getFileName().toString().replaceAll("-[0-9][^-]*(-[a-z0-9-]+)?\\.jar$", ""));
                }
            }
        }
        assertThat(carriers).as("jars with natives on the class path (a new one needs rules in app/pom.xml)")
                .containsExactlyInAnyOrder("onnxruntime", "zstd-jni", "tokenizers", "jna", "javafx-graphics");
    }

    @Test
    void jarManifestCarriesTheProjectVersionForTheVersionOption() throws IOException {
        String pom = Files.readString(POM);
        assertThat(pom).contains("<Implementation-Version>${project.version}</Implementation-Version>");
    }

    private static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>(List.of(
                new Source("com.microsoft.onnxruntime", "onnxruntime", "", jarOf("ai/onnxruntime/OrtEnvironment.class")),
                new Source("com.github.luben", "zstd-jni", "", jarOf("com/github/luben/zstd/Zstd.class")),
                new Source("ai.djl.huggingface", "tokenizers", "",
                        jarOf("ai/djl/huggingface/tokenizers/HuggingFaceTokenizer.class")),
                new Source("net.java.dev.jna", "jna", "", jarOf("com/sun/jna/Native.class"))));
        for (Platform p : Platform.values()) {
            Path jar = JAVAFX.resolve("javafx-graphics-" + p.classifier + ".jar");
            assertThat(jar).as("JavaFX's %s graphics jar (copied in process-test-resources)", p.classifier)
                    .isRegularFile();
            out.add(new Source("org.openjfx", "javafx-graphics", p.classifier, jar));
        }
        return out;
    }

    private static Path jarOf(String classResource) throws IOException {
        URL url = PlatformJarRulesTest.class.getClassLoader().getResource(classResource);
        assertThat(url).as(classResource).isNotNull();
        String s = url.toString();
        try {
            return Path.of(new java.net.URI(s.substring("jar:".length(), s.indexOf("!/"))));
        } catch (URISyntaxException e) {
            throw new IOException(s, e);
        }
    }

    private static List<String> testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(Pattern.quote(File.pathSeparator)));
    }

    private static byte[] header(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return in.readNBytes(4096);
        }
    }
}
