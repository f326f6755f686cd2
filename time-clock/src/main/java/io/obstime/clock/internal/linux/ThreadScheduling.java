package io.obstime.clock.internal.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.BitSet;

/**
 * A thread's scheduling policy, real-time priority and CPU affinity ({@code gettid}, {@code sched_setscheduler},
 * {@code sched_getscheduler}, {@code sched_getparam}, {@code sched_get_priority_min/max}, {@code sched_setaffinity},
 * {@code sched_getaffinity}), through JNA direct mapping on every JDK: these are slow-path calls, made once per
 * thread, so JNA's cost does not matter and no FFM twin is needed.
 *
 * <p>Every call names one thread by its Linux thread id (a Java platform thread is one kernel task); nothing here
 * acts on another process, and obstime only ever passes the id of a thread it started. Every return code is checked:
 * a failure throws {@link KernelCallException} with the call and errno ({@link KernelCallException#EPERM} when the
 * process lacks {@code CAP_SYS_NICE} and its {@code RLIMIT_RTPRIO} is below the priority asked for).
 *
 * <p>Loading this class needs JNA: callers catch {@link LinkageError} and treat it as "not available here".
 * Thread-safe (stateless).
 */
public final class ThreadScheduling {

    /** {@code SCHED_OTHER} from {@code <sched.h>}: the normal time-sharing policy, priority 0. */
    public static final int SCHED_OTHER = 0;
    /** {@code SCHED_FIFO}: real-time, first in first out; runs until it blocks or a higher priority preempts it. */
    public static final int SCHED_FIFO = 1;
    /** {@code SCHED_RR}: real-time, round robin among threads of the same priority. */
    public static final int SCHED_RR = 2;
    // SCHED_BATCH, SCHED_IDLE, SCHED_DEADLINE: only named in messages.
    private static final int SCHED_BATCH = 3;
    private static final int SCHED_IDLE = 5;
    private static final int SCHED_DEADLINE = 6;
    /** {@code SCHED_RESET_ON_FORK}: or-ed into the policy, threads created by this one start as SCHED_OTHER. */
    public static final int SCHED_RESET_ON_FORK = 0x40000000;
    /**
     * The real-time priority range of Linux for SCHED_FIFO and SCHED_RR, {@value #LINUX_RT_PRIORITY_MIN} to
     * {@value #LINUX_RT_PRIORITY_MAX} (what {@code sched_get_priority_min/max} return): for checks where the kernel
     * cannot be asked.
     */
    public static final int LINUX_RT_PRIORITY_MIN = 1;
    /** See {@link #LINUX_RT_PRIORITY_MIN}. */
    public static final int LINUX_RT_PRIORITY_MAX = 99;

    /** The CPUs that may ever be online: {@code 0-N} or a list of ranges. */
    private static final Path POSSIBLE_CPUS = Paths.get("/sys/devices/system/cpu/possible");
    /** glibc's {@code cpu_set_t}: 1024 bits. A larger mask is used when the machine has more possible CPUs. */
    private static final int CPU_SETSIZE_BITS = 1024;

    /** The bindings; errno captured on every call (JNA throws LastErrorException when errno is set). */
    private static final class Libc {
        static {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Libc() { }

        /** {@code pid_t gettid(void)} (glibc 2.30+). */
        static native int gettid() throws LastErrorException;

        /** {@code int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)}. */
        static native int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;

        /** {@code int sched_getscheduler(pid_t pid)}. */
        static native int sched_getscheduler(int pid) throws LastErrorException;

        /** {@code int sched_getparam(pid_t pid, struct sched_param *param)}. */
        static native int sched_getparam(int pid, int[] param) throws LastErrorException;

        /** {@code int sched_get_priority_min(int policy)}. */
        static native int sched_get_priority_min(int policy) throws LastErrorException;

        /** {@code int sched_get_priority_max(int policy)}. */
        static native int sched_get_priority_max(int policy) throws LastErrorException;

        /** {@code int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)}. */
        static native int sched_setaffinity(int pid, long cpuSetSize, long[] mask) throws LastErrorException;

        /** {@code int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)}. */
        static native int sched_getaffinity(int pid, long cpuSetSize, long[] mask) throws LastErrorException;
    }

    /*
     * struct sched_param { int sched_priority; }: 4 bytes, passed as an int[1].
     * cpu_set_t: an array of unsigned long, CPU n is bit (n % 64) of word n / 64, passed as a long[].
     */

    private ThreadScheduling() {
    }

    /** @return the calling thread's Linux thread id ({@code gettid()}) */
    public static int currentThreadId() {
        try {
            return Libc.gettid();
        } catch (LastErrorException e) {
            throw new KernelCallException("gettid()", e.getErrorCode(), "failed");
        }
    }

    /**
     * @param policy {@link #SCHED_OTHER}, {@link #SCHED_FIFO} or {@link #SCHED_RR}
     * @return {@code sched_get_priority_min(policy)}
     */
    public static int priorityMin(int policy) {
        try {
            return Libc.sched_get_priority_min(policy);
        } catch (LastErrorException e) {
            throw new KernelCallException("sched_get_priority_min(" + policyName(policy) + ")", e.getErrorCode(),
                    "failed");
        }
    }

    /**
     * @param policy {@link #SCHED_OTHER}, {@link #SCHED_FIFO} or {@link #SCHED_RR}
     * @return {@code sched_get_priority_max(policy)}
     */
    public static int priorityMax(int policy) {
        try {
            return Libc.sched_get_priority_max(policy);
        } catch (LastErrorException e) {
            throw new KernelCallException("sched_get_priority_max(" + policyName(policy) + ")", e.getErrorCode(),
                    "failed");
        }
    }

    /**
     * {@code sched_setscheduler(tid, policy | SCHED_RESET_ON_FORK, {priority})}: threads the thread creates later
     * start as SCHED_OTHER, so a real-time policy never spreads beyond the thread it was asked for.
     *
     * @param tid      a thread id of this process
     * @param policy   {@link #SCHED_OTHER}, {@link #SCHED_FIFO} or {@link #SCHED_RR}
     * @param priority within {@link #priorityMin}..{@link #priorityMax} of the policy
     * @throws KernelCallException if refused (EPERM: not permitted; EINVAL: bad policy or priority)
     */
    public static void setScheduler(int tid, int policy, int priority) {
        String call = "sched_setscheduler(" + tid + ", " + policyName(policy) + " | SCHED_RESET_ON_FORK, {"
                + priority + "})";
        try {
            int rc = Libc.sched_setscheduler(tid, policy | SCHED_RESET_ON_FORK, new int[] {priority});
            if (rc != 0) {
                throw new KernelCallException(call, 0, "returned " + rc);
            }
        } catch (LastErrorException e) {
            throw new KernelCallException(call, e.getErrorCode(), "failed");
        }
    }

    /**
     * @param tid a thread id of this process
     * @return the thread's policy from {@code sched_getscheduler(tid)}, {@link #SCHED_RESET_ON_FORK} cleared
     */
    public static int policy(int tid) {
        try {
            int rc = Libc.sched_getscheduler(tid);
            if (rc < 0) {
                throw new KernelCallException("sched_getscheduler(" + tid + ")", 0, "returned " + rc);
            }
            return rc & ~SCHED_RESET_ON_FORK;
        } catch (LastErrorException e) {
            throw new KernelCallException("sched_getscheduler(" + tid + ")", e.getErrorCode(), "failed");
        }
    }

    /**
     * @param tid a thread id of this process
     * @return the thread's real-time priority from {@code sched_getparam(tid)}; 0 under SCHED_OTHER
     */
    public static int priority(int tid) {
        int[] param = new int[1];
        try {
            int rc = Libc.sched_getparam(tid, param);
            if (rc != 0) {
                throw new KernelCallException("sched_getparam(" + tid + ", &param)", 0, "returned " + rc);
            }
            return param[0];
        } catch (LastErrorException e) {
            throw new KernelCallException("sched_getparam(" + tid + ", &param)", e.getErrorCode(), "failed");
        }
    }

    /**
     * @param tid  a thread id of this process
     * @param cpus the CPUs the thread may run on; not empty
     * @throws KernelCallException if refused (EINVAL: none of {@code cpus} is online and allowed to the process)
     */
    public static void setAffinity(int tid, BitSet cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("cpus must not be empty");
        }
        long[] mask = new long[maskWords(Math.max(cpus.length(), possibleCpuCount()))];
        long[] words = cpus.toLongArray();
        System.arraycopy(words, 0, mask, 0, words.length);
        String call = "sched_setaffinity(" + tid + ", " + mask.length * 8L + ", {" + cpus + "})";
        try {
            int rc = Libc.sched_setaffinity(tid, mask.length * 8L, mask);
            if (rc != 0) {
                throw new KernelCallException(call, 0, "returned " + rc);
            }
        } catch (LastErrorException e) {
            throw new KernelCallException(call, e.getErrorCode(), "failed");
        }
    }

    /**
     * @param tid a thread id of this process
     * @return the CPUs the thread may run on, from {@code sched_getaffinity(tid)}
     */
    public static BitSet affinity(int tid) {
        long[] mask = new long[maskWords(possibleCpuCount())];
        String call = "sched_getaffinity(" + tid + ", " + mask.length * 8L + ", &mask)";
        try {
            int rc = Libc.sched_getaffinity(tid, mask.length * 8L, mask);
            if (rc != 0) {
                throw new KernelCallException(call, 0, "returned " + rc);
            }
            return BitSet.valueOf(mask);
        } catch (LastErrorException e) {
            throw new KernelCallException(call, e.getErrorCode(), "failed");
        }
    }

    /**
     * @return how many CPUs this machine may ever have online (the highest number in
     *         {@code /sys/devices/system/cpu/possible} plus one); CPU numbers from 0 to this minus one are valid.
     *         Pure Java: needs no JNA. Falls back to {@link Runtime#availableProcessors()} if the file is unreadable.
     */
    public static int possibleCpuCount() {
        try {
            String text = new String(Files.readAllBytes(POSSIBLE_CPUS), StandardCharsets.US_ASCII).trim();
            return highestInCpuList(text) + 1;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * @param cpuList the kernel's CPU list format, e.g. {@code 0-3,8,10-11}
     * @return the highest CPU number in it
     * @throws NumberFormatException if malformed
     */
    static int highestInCpuList(String cpuList) {
        int highest = -1;
        for (String part : cpuList.split(",")) {
            int dash = part.indexOf('-');
            highest = Math.max(highest, Integer.parseInt(dash < 0 ? part : part.substring(dash + 1)));
        }
        return highest;
    }

    /**
     * @param policy a policy number
     * @return its name as in {@code <sched.h>}, e.g. {@code SCHED_FIFO}
     */
    public static String policyName(int policy) {
        switch (policy) {
            case SCHED_OTHER: return "SCHED_OTHER";
            case SCHED_FIFO: return "SCHED_FIFO";
            case SCHED_RR: return "SCHED_RR";
            case SCHED_BATCH: return "SCHED_BATCH";
            case SCHED_IDLE: return "SCHED_IDLE";
            case SCHED_DEADLINE: return "SCHED_DEADLINE";
            default: return "policy " + policy;
        }
    }

    private static int maskWords(int cpuCount) {
        return (Math.max(cpuCount, CPU_SETSIZE_BITS) + 63) / 64;
    }
}
