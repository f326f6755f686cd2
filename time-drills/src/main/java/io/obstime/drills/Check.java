package io.obstime.drills;

/**
 * One judged check of a drill, printed as one line.
 *
 * @param name    short name, e.g. {@code tai-continuity}
 * @param pass    the verdict
 * @param figures what was measured and what was expected, human-readable
 */
record Check(String name, boolean pass, String figures) {

    static Check of(String name, boolean pass, String figures) {
        return new Check(name, pass, figures);
    }

    /** @return a line for the console: {@code DRILL CHECK <scenario> jdk<N> <name> PASS|FAIL <figures>} */
    String line(String scenario, int jdk) {
        return "DRILL CHECK " + scenario + " jdk" + jdk + " " + name + " " + (pass ? "PASS" : "FAIL") + " " + figures;
    }
}
