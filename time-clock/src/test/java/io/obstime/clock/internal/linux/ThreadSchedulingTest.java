package io.obstime.clock.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ThreadSchedulingTest {

    @Test
    void theCpuListFormatGivesItsHighestCpu() {
        assertEquals(0, ThreadScheduling.highestInCpuList("0"));
        assertEquals(1, ThreadScheduling.highestInCpuList("0-1"));
        assertEquals(11, ThreadScheduling.highestInCpuList("0-3,8,10-11"));
        assertThrows(NumberFormatException.class, () -> ThreadScheduling.highestInCpuList("x"));
    }

    @Test
    void theCallingThreadIsReadAsProcShowsIt() throws Exception {
        int tid = ThreadScheduling.currentThreadId();
        assertTrue(Files.exists(Path.of("/proc/self/task/" + tid)), "gettid names a task of this process: " + tid);
        assertEquals(Path.of(String.valueOf(ProcessHandle.current().pid()), "task", String.valueOf(tid)),
                Files.readSymbolicLink(Path.of("/proc/thread-self")));
        assertEquals(ThreadScheduling.SCHED_OTHER, ThreadScheduling.policy(tid));
        assertEquals(0, ThreadScheduling.priority(tid));
        BitSet cpus = ThreadScheduling.affinity(tid);
        assertEquals(Runtime.getRuntime().availableProcessors(), cpus.cardinality());
        assertTrue(cpus.length() <= ThreadScheduling.possibleCpuCount());
    }

    @Test
    void theRealTimeRangeIsLinuxsAndSchedOtherHasOnlyZero() {
        assertEquals(ThreadScheduling.LINUX_RT_PRIORITY_MIN, ThreadScheduling.priorityMin(ThreadScheduling.SCHED_FIFO));
        assertEquals(ThreadScheduling.LINUX_RT_PRIORITY_MAX, ThreadScheduling.priorityMax(ThreadScheduling.SCHED_RR));
        assertEquals(0, ThreadScheduling.priorityMax(ThreadScheduling.SCHED_OTHER));
        KernelCallException e = assertThrows(KernelCallException.class, () -> ThreadScheduling.priorityMax(77));
        assertEquals(KernelCallException.EINVAL, e.errno());
        assertEquals("sched_get_priority_max(policy 77) failed: errno EINVAL (22)", e.getMessage());
    }

    @Test
    void aBadPolicyOnAThreadOfOursIsRefusedWithErrno() throws Exception {
        // On a thread started here and ended here: sched_setscheduler with an invalid priority changes nothing.
        KernelCallException[] thrown = new KernelCallException[1];
        Thread t = new Thread(() -> thrown[0] = assertThrows(KernelCallException.class,
                () -> ThreadScheduling.setScheduler(ThreadScheduling.currentThreadId(), ThreadScheduling.SCHED_FIFO,
                        0)));
        t.start();
        t.join();
        assertEquals(KernelCallException.EINVAL, thrown[0].errno());
        assertTrue(thrown[0].getMessage().contains("SCHED_FIFO | SCHED_RESET_ON_FORK, {0}) failed"),
                thrown[0].getMessage());
    }
}
