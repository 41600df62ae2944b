package org.loupe.engine.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** List columns: flat per-row lists, persisted in format version 2; version 1 files still read. */
class MetricTableListsTest {
    @TempDir
    Path tmp;

    @Test
    void listsRoundTripAndAreRemovedWithTheirStep() throws Exception {
        MetricTable t = new MetricTable(3);
        t.put("s.n", new double[] {2, 0, 1});
        t.putLists("s._v", MetricTable.LongLists.of(new long[][] {{5, -1L}, null, {Long.MIN_VALUE}}));
        Path f = tmp.resolve("t.bin");
        t.write(f);
        MetricTable back = MetricTable.read(f);
        assertThat(back).isEqualTo(t);
        MetricTable.LongLists l = back.lists("s._v");
        assertThat(l.of(0)).containsExactly(5, -1L);
        assertThat(l.size(1)).isZero();
        assertThat(l.get(2, 0)).isEqualTo(Long.MIN_VALUE);
        back.removeStep("s");
        assertThat(back.listNames()).isEmpty();
        assertThatThrownBy(() -> back.lists("s._v")).hasMessageContaining("no list column 's._v'");
        assertThatThrownBy(() -> t.putLists("x._v", MetricTable.LongLists.of(new long[2][])))
                .hasMessageContaining("lists for 2 rows, table has 3");
    }

    @Test
    void aVersionOneFileIsStillRead() throws Exception {
        Path f = tmp.resolve("v1.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(f))) {
            out.writeInt(0x4C4F4D54);
            out.writeInt(1);
            out.writeInt(2);
            out.writeInt(1);
            out.writeUTF("a.m");
            out.writeInt(0);
            out.writeDouble(1.5);
            out.writeDouble(Double.NaN);
        }
        MetricTable t = MetricTable.read(f);
        assertThat(t.column("a.m")).containsExactly(1.5, Double.NaN);
        assertThat(t.listNames()).isEmpty();
        assertThat(List.copyOf(t.names())).containsExactly("a.m");
    }
}
