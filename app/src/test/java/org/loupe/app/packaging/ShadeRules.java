package org.loupe.app.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The shade rules of one platform jar, read from the app module's POM: the plugin-wide filters plus those of the
 * execution {@code platform-<name>}, and that execution's artifact-set excludes. Matching follows the shade
 * plugin: an artifact pattern is {@code groupId:artifactId[:type[:classifier]]} with {@code *} wildcards; an entry
 * of an artifact is kept when every filter for that artifact includes it (no includes: everything) and excludes it
 * not; paths match Ant-style ({@code **} any folders, {@code *} and {@code ?} within one name).
 */
final class ShadeRules {
    private record Filter(String artifact, List<String> includes, List<String> excludes) {
    }

    private final List<String> artifactExcludes;
    private final List<Filter> filters;

    private ShadeRules(List<String> artifactExcludes, List<Filter> filters) {
        this.artifactExcludes = artifactExcludes;
        this.filters = filters;
    }

    /** The rules of execution {@code platform-<platform>} in {@code pom}. */
    static ShadeRules read(Path pom, String platform) throws IOException {
        Document doc;
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(Files.newInputStream(pom));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(pom + ": " + e.getMessage(), e);
        }
        Element shade = null;
        for (Element plugin : descendants(doc.getDocumentElement(), "plugin")) {
            if ("maven-shade-plugin".equals(text(child(plugin, "artifactId")))) {
                shade = plugin;
            }
        }
        if (shade == null) {
            throw new IOException(pom + ": no maven-shade-plugin");
        }
        List<Filter> filters = new ArrayList<>(filters(child(shade, "configuration")));
        Element execution = null;
        for (Element e : descendants(child(shade, "executions"), "execution")) {
            if (("platform-" + platform).equals(text(child(e, "id")))) {
                execution = e;
            }
        }
        if (execution == null) {
            throw new IOException(pom + ": no shade execution platform-" + platform);
        }
        Element config = child(execution, "configuration");
        filters.addAll(filters(config));
        List<String> excludes = texts(child(child(config, "artifactSet"), "excludes"), "exclude");
        return new ShadeRules(excludes, filters);
    }

    /** Whether the artifact goes into the jar at all. */
    boolean includesArtifact(String groupId, String artifactId, String type, String classifier) {
        String id = groupId + ":" + artifactId + ":" + type + ":" + classifier;
        return artifactExcludes.stream().noneMatch(p -> artifactMatches(p, id));
    }

    /** Whether {@code entry} of the artifact goes into the jar. */
    boolean keeps(String groupId, String artifactId, String entry) {
        for (Filter f : filters) {
            if (!artifactMatches(f.artifact(), groupId + ":" + artifactId + ":jar:")) {
                continue;
            }
            boolean included = f.includes().isEmpty() || f.includes().stream().anyMatch(p -> pathMatches(p, entry));
            boolean excluded = f.excludes().stream().anyMatch(p -> pathMatches(p, entry));
            if (!included || excluded) {
                return false;
            }
        }
        return true;
    }

    /** {@code pattern} is g:a[:t[:c]]; {@code id} is g:a:t:c. */
    static boolean artifactMatches(String pattern, String id) {
        String[] p = pattern.split(":", -1);
        String[] a = id.split(":", -1);
        for (int i = 0; i < p.length; i++) {
            if (i >= a.length || !globMatches(p[i], a[i])) {
                return false;
            }
        }
        return true;
    }

    /** Ant-style path matching as the shade plugin's filters do it (a pattern ending in / means its whole folder). */
    static boolean pathMatches(String pattern, String path) {
        String p = pattern.endsWith("/") ? pattern + "**" : pattern;
        return segmentsMatch(p.split("/"), 0, path.split("/"), 0);
    }

    private static boolean segmentsMatch(String[] p, int pi, String[] s, int si) {
        if (pi == p.length) {
            return si == s.length;
        }
        if (p[pi].equals("**")) {
            for (int k = si; k <= s.length; k++) {
                if (segmentsMatch(p, pi + 1, s, k)) {
                    return true;
                }
            }
            return false;
        }
        return si < s.length && globMatches(p[pi], s[si]) && segmentsMatch(p, pi + 1, s, si + 1);
    }

    private static boolean globMatches(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return name.matches(regex.toString());
    }

    private static List<Filter> filters(Element configuration) {
        List<Filter> out = new ArrayList<>();
        for (Element f : descendants(child(configuration, "filters"), "filter")) {
            out.add(new Filter(text(child(f, "artifact")), texts(child(f, "includes"), "include"),
                    texts(child(f, "excludes"), "exclude")));
        }
        return out;
    }

    private static List<String> texts(Element parent, String name) {
        return descendants(parent, name).stream().map(ShadeRules::text).toList();
    }

    private static List<Element> descendants(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        var nodes = parent.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }
}
