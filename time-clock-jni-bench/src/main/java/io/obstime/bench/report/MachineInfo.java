package io.obstime.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the figures come from: CPU, cores, kernel, clock source, JDK. Read from /proc and /sys where present. */
public final class MachineInfo {

    private MachineInfo() {
    }

    /** @return a description of this machine and JVM, for the JSON results */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpuModel", cpuModel());
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("clocksource", firstLine("/sys/devices/system/clocksource/clocksource0/current_clocksource"));
        m.put("hypervisor", cpuFlag("hypervisor") ? "yes (virtual machine)" : "not reported");
        m.put("defaultTimerSlackNanos", firstLine("/proc/self/timerslack_ns"));
        m.put("jdk", jdk());
        return m;
    }

    /** @return one line for titles: "JDK 17.0.15 (OpenJDK 64-Bit Server VM), 2 CPUs Intel..., Linux 6.1" */
    public static String oneLine() {
        return jdk() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs " + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** @return a short line for chart titles: "JDK 17.0.15, 2 CPUs AMD EPYC, Linux 6.18.44" */
    public static String shortLine() {
        String[] model = cpuModel().split(" ");
        String cpu = model.length >= 2 ? model[0] + " " + model[1] : model[0];
        String os = System.getProperty("os.version").replaceFirst("^(\\d+\\.\\d+(\\.\\d+)?).*", "$1");
        return "JDK " + Runtime.version().version().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(".")) + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs " + cpu + ", " + System.getProperty("os.name")
                + " " + os;
    }

    static String jdk() {
        return "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static boolean cpuFlag(String flag) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return (" " + line.substring(line.indexOf(':') + 1) + " ").contains(" " + flag + " ");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static String firstLine(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().findFirst().orElse("").trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
