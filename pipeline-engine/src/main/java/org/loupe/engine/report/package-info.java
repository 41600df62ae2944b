/**
 * Shareable reports of what a pipeline config does on a sample.
 *
 * <p>{@link org.loupe.engine.report.RunReport} renders one self-contained HTML file (inline CSS and inline
 * SVG, no scripts, no external resources) from a config, its measured {@link org.loupe.engine.measure.MetricTable}
 * and the {@link org.loupe.engine.decision.Decisions} over it: the kept share, the funnel of documents and
 * tokens step by step, a histogram of every thresholded metric with its thresholds, and the config as YAML.
 * The output depends only on its input (no clock, no map iteration order), so the same run gives the same
 * bytes and reports can be diffed.
 */
package org.loupe.engine.report;
