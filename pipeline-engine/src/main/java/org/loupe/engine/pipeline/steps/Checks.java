package org.loupe.engine.pipeline.steps;

import java.util.List;
import org.loupe.engine.filter.Check;
import org.loupe.engine.pipeline.ParamSpec;
import org.loupe.engine.pipeline.StepParams;

/** Building threshold checks from typed parameters. */
final class Checks {
    private Checks() {
    }

    /**
     * Adds a check when its threshold is set: the reference guards such checks with
     * {@code if threshold and ...}, so null and 0 leave it out.
     */
    static void ifSet(List<Check> out, StepParams p, ParamSpec param, String metric, Check.Op op, String reason) {
        Double v = p.numberOrNull(param);
        if (v != null && v != 0) {
            out.add(new Check(param.name(), metric, op, v, reason));
        }
    }
}
