package org.loupe.app.clusters;

import java.util.List;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.analysis.cluster.Clustering;
import org.loupe.engine.sample.Sample;

/**
 * A built cluster map and what was built with it.
 *
 * @param sample      the sample it maps
 * @param rows        the mapped sample rows, ascending (point {@code i} is row {@code rows[i]})
 * @param map         the layout, clusters and labels
 * @param points      the points as the canvas draws them
 * @param index       the points' grid index (nearest point, lasso)
 * @param method      how it was clustered
 * @param seed        the seed of the subset, layout and k-means
 * @param seconds     how long the build took
 * @param centroids   the clusters' embedding centroids, encoded for a topic step
 * @param topicLabels each cluster's label as a topic step names it
 */
record BuiltMap(Sample sample, int[] rows, ClusterMap map, MapPoints points, PointIndex index, Clustering.Method method,
                long seed, double seconds, String centroids, List<String> topicLabels) { }
