package org.loupe.analysis.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loupe.analysis.cluster.ClusterMap;
import org.loupe.engine.task.TaskContext;

class TfIdfVectorsTest {
    private static final List<String> TEXTS = texts();

    /** Four documents on two topics, an empty one, and twenty that make "the" and "and" common. */
    private static List<String> texts() {
        List<String> t = new java.util.ArrayList<>(List.of(
                "The recipe needs flour, butter and sugar; bake the cake in the oven.",
                "Bake bread with flour and butter in a hot oven.",
                "The court heard the appeal and the judge gave the verdict.",
                "A lawyer asked the judge to delay the trial.",
                ""));
        for (int i = 0; i < 20; i++) {
            t.add("the and the weather " + i + " and the news of day " + i);
        }
        return List.copyOf(t);
    }

    @Test
    void documentsSharingRareWordsAreCloserThanOthersAndVectorsAreUnitLength() {
        float[][] v = TfIdfVectors.compute(TEXTS.size(), TEXTS::get, 256, 1, 2, TaskContext.NONE);
        for (int i = 0; i < 4; i++) {
            assertThat(Vectors.dot(v[i], v[i])).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(v[4]).containsOnly(0f);
        assertThat(Vectors.dot(v[0], v[1])).isGreaterThan(Vectors.dot(v[0], v[2]) + 0.2f);
        assertThat(Vectors.dot(v[2], v[3])).isGreaterThan(Vectors.dot(v[2], v[1]));
    }

    @Test
    void theSameSeedGivesTheSameVectorsOnAnyNumberOfThreads() {
        float[][] a = TfIdfVectors.compute(TEXTS.size(), TEXTS::get, 128, 7, 1, TaskContext.NONE);
        float[][] b = TfIdfVectors.compute(TEXTS.size(), TEXTS::get, 128, 7, 2, TaskContext.NONE);
        assertThat(b).isDeepEqualTo(a);
        assertThatThrownBy(() -> TfIdfVectors.compute(1, i -> "x", 100, 1, 1, TaskContext.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMapOfTfIdfVectorsSeparatesTopics() {
        String[] topics = {"football match goal team season league", "recipe flour butter sugar oven bake",
            "court judge lawyer trial verdict appeal"};
        int n = 600;
        java.util.Random r = new java.util.Random(1);
        String[] docs = new String[n];
        for (int i = 0; i < n; i++) {
            String[] words = topics[i % 3].split(" ");
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                sb.append(words[r.nextInt(words.length)]).append(' ');
            }
            docs[i] = sb.toString();
        }
        float[][] v = TfIdfVectors.compute(n, i -> docs[i], 256, 3, 2, TaskContext.NONE);
        ClusterMap map = ClusterMap.build(v, i -> docs[i], ClusterMap.Options.defaults(3), 2, TaskContext.NONE);
        java.util.Map<Integer, Integer> topicOfCluster = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            if (map.cluster()[i] >= 0) {
                Integer t = topicOfCluster.putIfAbsent(map.cluster()[i], i % 3);
                assertThat(t == null || t == i % 3).as("row %d", i).isTrue();
            }
        }
        assertThat(new java.util.HashSet<>(topicOfCluster.values())).hasSize(3);
    }
}
