package io.obstime.bench.jitter;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a contender measured over the window.
 *
 * @param clock the clock its deadlines and lateness are in
 * @param histogram lateness in nanoseconds (coordinated-omission corrected)
 * @param deadlines deadlines in the window
 * @param served deadlines served by a run of their own
 * @param missed deadlines whose period elapsed without a run
 * @param early runs before the oldest unserved deadline, serving nothing (catch-up runs, early firing); -1 when
 *              unknown
 * @param minLatenessNanos lowest lateness seen, early runs included (negative: the earliest run)
 * @param timerCpuShare CPU time of the timer thread(s) / wall time (1.0 = one core); NaN when unknown
 * @param totalCpuShare CPU time of every thread or process the contender started / wall time
 * @param timerAllocBytesPerTick bytes allocated by the timer thread(s) per deadline; -1 when not measurable
 * @param totalAllocBytesPerTick bytes allocated by every thread the contender started per deadline; -1 when not
 *                               measurable
 * @param threads per-thread breakdown (empty for an external process)
 * @param note anything the reader must know about this run, or null
 * @param runQueueWaitNanos time the measured thread(s) spent runnable but waiting for a CPU in the window
 *                          ({@code schedstat}), nanoseconds; -1 when unknown
 * @param runQueueWaitOf which thread(s) {@code runQueueWaitNanos} is of
 */
public record ContenderResult(String clock, Histogram histogram, long deadlines, long served, long missed, long early,
        long minLatenessNanos, double timerCpuShare, double totalCpuShare, double timerAllocBytesPerTick,
        double totalAllocBytesPerTick, List<ThreadUsage.ThreadWindow> threads, String note,
        long runQueueWaitNanos, String runQueueWaitOf) {
}
