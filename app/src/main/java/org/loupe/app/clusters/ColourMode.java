package org.loupe.app.clusters;

/** What the points' colours on the cluster map say. */
public enum ColourMode {
    CLUSTER("cluster"), STATUS("kept / removed"), LANGUAGE("language"), METRIC("metric");

    private final String label;

    ColourMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
