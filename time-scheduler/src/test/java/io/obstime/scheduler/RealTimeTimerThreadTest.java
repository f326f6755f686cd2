package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.TimeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The timer thread's real-time policy and CPU affinity on the real kernel, read back independently through /proc.
 * Changes only threads this JVM starts (and a child JVM's): never another process's scheduling.
 */
class RealTimeTimerThreadTest {

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;

    @Test
    void theTimerThreadAloneGetsFifoAndItsCpuWhereTheProcessIsPermitted() throws Exception {
        int cpu = lastAllowedCpu();
        TimeSchedulerSettings settings = TimeSchedulerSettings.defaults()
                .withTimerThreadPolicy(TimerThreadPolicy.FIFO, 10).withTimerThreadCpus(cpu);
        try (TimeScheduler scheduler = TimeScheduler.standalone(TimeSource.system(), settings)) {
            TimerThreadScheduling got = scheduler.timerThreadScheduling().orElseThrow();
            long tid = got.threadId();
            int[] policyAndPriority = policyAndPriority("/proc/self/task/" + tid + "/stat");
            if (permitted()) {
                assertEquals(List.of(), got.problems());
                assertEquals("SCHED_FIFO", got.policy());
                assertEquals(10, got.priority());
                assertEquals(SCHED_FIFO, policyAndPriority[0], "the kernel's view of the timer thread");
                assertEquals(10, policyAndPriority[1]);
                assertEquals(new TreeSet<>(List.of(cpu)), got.cpus());
                assertEquals(String.valueOf(cpu), cpusAllowed("/proc/self/task/" + tid + "/status"));
            } else {
                assertEquals("SCHED_OTHER", got.policy());
                assertEquals(SCHED_OTHER, policyAndPriority[0]);
                assertTrue(got.problems().stream().anyMatch(p -> p.contains("ulimit -r")), got.problems().toString());
            }
            // Only the timer thread: this thread is untouched, and a thread a task creates starts as a normal thread
            // (SCHED_RESET_ON_FORK).
            assertEquals(SCHED_OTHER, policyAndPriority("/proc/thread-self/stat")[0]);
            CompletableFuture<int[]> child = new CompletableFuture<>();
            scheduler.scheduleOnceAtTaiNanos(0, () -> {
                Thread t = new Thread(() -> {
                    try {
                        child.complete(policyAndPriority("/proc/thread-self/stat"));
                    } catch (IOException e) {
                        child.completeExceptionally(e);
                    }
                });
                t.start();
            });
            assertEquals(SCHED_OTHER, child.get(10, TimeUnit.SECONDS)[0], "a thread started by an inline task");
        }
    }

    @Test
    void withoutPermissionOneWarnNamesTheRemedyAndTheSchedulerRunsAsBefore() throws Exception {
        // A child JVM with RLIMIT_RTPRIO 0 and, when we are root, CAP_SYS_NICE dropped from its bounding and
        // inheritable sets (util-linux prlimit and setpriv), so sched_setscheduler(SCHED_FIFO) gives EPERM.
        List<String> command = new ArrayList<>(List.of("prlimit", "--rtprio=0:0"));
        if (permitted()) {
            command.addAll(List.of("setpriv", "--inh-caps=-sys_nice", "--bounding-set=-sys_nice"));
        }
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-Dorg.slf4j.simpleLogger.log.io.obstime=warn");
        command.add("-Dorg.slf4j.simpleLogger.log.io.obstime.clock=error"); // the TAI offset note is not ours
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RealTimeChildMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child finished");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);

        assertEquals(1, count(text, "WARN"), "one WARN for two schedulers:\n" + text);
        assertEquals(1, count(text, "WARN io.obstime.scheduler - Timer thread obstime-timer runs as before: FIFO "
                + "priority 10 not applied (sched_setscheduler("), text);
        assertTrue(text.contains("failed: errno EPERM (1)): the process may not use real-time scheduling"), text);
        for (String remedy : List.of("ulimit -r", "LimitRTPRIO=", "setcap cap_sys_nice")) {
            assertTrue(text.contains(remedy), text);
        }
        assertEquals(2, count(text, "got SCHED_OTHER priority 0 problems 1 ran true"), text);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** @return true if this process may set SCHED_FIFO 10: CAP_SYS_NICE effective, or RLIMIT_RTPRIO at least 10 */
    static boolean permitted() throws IOException {
        String status = Files.readString(Path.of("/proc/self/status"));
        Matcher capEff = Pattern.compile("CapEff:\\s*([0-9a-f]+)").matcher(status);
        boolean sysNice = capEff.find() && (Long.parseUnsignedLong(capEff.group(1), 16) & (1L << 23)) != 0;
        Matcher rtprio = Pattern.compile("Max realtime priority\\s+(\\S+)").matcher(
                Files.readString(Path.of("/proc/self/limits")));
        boolean limit = rtprio.find() && (rtprio.group(1).equals("unlimited") || Long.parseLong(rtprio.group(1)) >= 10);
        return sysNice || limit;
    }

    /** @return {policy, rt_priority}: fields 41 and 40 of a task's stat file */
    static int[] policyAndPriority(String statFile) throws IOException {
        String stat = Files.readString(Path.of(statFile));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields[0] is field 3
        return new int[] {Integer.parseInt(fields[41 - 3]), Integer.parseInt(fields[40 - 3])};
    }

    private static String cpusAllowed(String statusFile) throws IOException {
        Matcher m = Pattern.compile("Cpus_allowed_list:\\s*(\\S+)").matcher(Files.readString(Path.of(statusFile)));
        assertTrue(m.find());
        return m.group(1);
    }

    private static int lastAllowedCpu() throws IOException {
        String list = cpusAllowed("/proc/self/status");
        String last = list.substring(list.lastIndexOf(',') + 1);
        return Integer.parseInt(last.substring(last.indexOf('-') + 1));
    }
}
