package org.loupe.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.loupe.app.clusters.ClusterPalette;
import org.loupe.app.clusters.PointRenderer;
import org.loupe.app.clusters.Viewport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loupe bench draw --points 50000}: the cluster map's redraw, the pixel-buffer path the canvas runs on
 * every zoom, pan and recolour ({@link PointRenderer#render}), timed over frames of changing zoom and pan on
 * a synthetic map of Gaussian blobs. The baseline, measured in the same run on the same buffer, fills every
 * pixel with one colour in a plain loop: the least any redraw costs. Prints JSON.
 */
@Command(name = "draw", mixinStandardHelpOptions = true,
        description = {"Time the cluster map's redraw (points into an ARGB pixel buffer) over frames of changing zoom and pan.",
            "Prints {\"points\", \"width\", \"height\", \"frames\", \"p50_ms\", \"p95_ms\", \"max_ms\", \"baseline\": {\"p50_ms\", "
                + "\"p95_ms\", \"max_ms\"}, \"ratio_p50\", \"ratio_p95\"}."})
public final class BenchClustersDrawCommand implements Callable<Integer> {
    @Option(names = "--points", paramLabel = "N", description = "Points on the map (default: ${DEFAULT-VALUE}).")
    int points = 50_000;

    @Option(names = "--frames", paramLabel = "F", description = "Frames timed (default: ${DEFAULT-VALUE}).")
    int frames = 200;

    @Option(names = "--width", paramLabel = "PX", description = "Canvas width (default: ${DEFAULT-VALUE}).")
    int width = 1200;

    @Option(names = "--height", paramLabel = "PX", description = "Canvas height (default: ${DEFAULT-VALUE}).")
    int height = 800;

    @Option(names = "--seed", description = "Seed of the synthetic map (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (points < 1 || frames < 1 || width < 1 || height < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--points, --frames, --width and --height must be positive");
        }
        Map<String, Object> out = run(points, frames, width, height, seed);
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Runs the benchmark; also used by tests (with few points and frames). */
    public static Map<String, Object> run(int points, int frames, int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[points];
        double[] y = new double[points];
        int[] argb = new int[points];
        int blobs = 24;
        double[][] centres = new double[blobs][];
        for (int b = 0; b < blobs; b++) {
            centres[b] = new double[] {random.nextDouble(-10, 10), random.nextDouble(-10, 10), random.nextDouble(0.3, 1.5)};
        }
        for (int i = 0; i < points; i++) {
            int b = random.nextInt(blobs);
            x[i] = centres[b][0] + centres[b][2] * gaussian(random);
            y[i] = centres[b][1] + centres[b][2] * gaussian(random);
            argb[i] = i % 10 == 0 ? ClusterPalette.NONE : ClusterPalette.category(b);
        }
        int size = points <= 2_000 ? 4 : points <= 20_000 ? 3 : 2;
        Viewport fit = Viewport.fit(x, y, width, height, 16);
        Viewport[] views = new Viewport[frames];
        for (int f = 0; f < frames; f++) {
            // zoom from the whole map to 16× and back, panning around a circle
            double t = (double) f / Math.max(1, frames - 1);
            double zoom = Math.pow(16, Math.sin(Math.PI * t));
            double angle = 4 * Math.PI * t;
            double r = 0.25 * Math.min(width, height) * (zoom - 1) / 15;
            views[f] = fit.zoom(zoom, width / 2.0, height / 2.0).pan(r * Math.cos(angle), r * Math.sin(angle));
        }
        int[] buffer = new int[width * height];
        // warm up both loops so the JIT compiles them before timing
        for (int w = 0; w < Math.min(100, frames); w++) {
            PointRenderer.render(x, y, argb, null, views[w], size, width, height, 0, buffer);
            fill(width, height, argb[w % points], buffer);
        }
        long[] render = new long[frames];
        long[] baseline = new long[frames];
        for (int f = 0; f < frames; f++) {
            long t0 = System.nanoTime();
            fill(width, height, 0xFF000000 | f, buffer);
            long t1 = System.nanoTime();
            PointRenderer.render(x, y, argb, null, views[f], size, width, height, 0, buffer);
            long t2 = System.nanoTime();
            baseline[f] = t1 - t0;
            render[f] = t2 - t1;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("points", points);
        out.put("width", width);
        out.put("height", height);
        out.put("point_size_px", size);
        out.put("frames", frames);
        Map<String, Object> r = stats(render);
        out.putAll(r);
        Map<String, Object> b = stats(baseline);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("what", "fill every pixel with one colour (plain loop)");
        base.putAll(b);
        out.put("baseline", base);
        out.put("ratio_p50", round((double) percentile(render, 50) / Math.max(1, percentile(baseline, 50))));
        out.put("ratio_p95", round((double) percentile(render, 95) / Math.max(1, percentile(baseline, 95))));
        return out;
    }

    /** The baseline: every pixel set to one colour, in a plain loop. */
    private static void fill(int width, int height, int argb, int[] out) {
        int n = width * height;
        for (int i = 0; i < n; i++) {
            out[i] = argb;
        }
    }

    private static Map<String, Object> stats(long[] nanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50_ms", ms(percentile(nanos, 50)));
        m.put("p95_ms", ms(percentile(nanos, 95)));
        m.put("max_ms", ms(Arrays.stream(nanos).max().orElse(0)));
        return m;
    }

    private static long percentile(long[] values, int p) {
        long[] s = values.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
