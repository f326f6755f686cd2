/**
 * TAI-keyed scheduling: {@link io.obstime.scheduler.TimeScheduler} runs once-only and fixed-rate periodic tasks at
 * TAI instants, standalone ({@link io.obstime.scheduler.TimeScheduler#standalone}) or behind the Akka / Pekko faces
 * in the subpackages.
 *
 * <h2>Threading model of the standalone engine</h2>
 * <ul>
 *   <li><b>Owner</b>: one thread at a time owns the deadline heap ({@code TimerCore}): the timer thread with real
 *       clocks; with a {@code SimulatedTimeSource}, whichever thread holds the scheduler's simulation lock (the
 *       advancing thread in listener callbacks, or a producer that got the lock with {@code tryLock}). The owner
 *       alone reads the clock, sleeps, drains commands, runs inline tasks and writes task counters.</li>
 *   <li><b>Producers</b>: any thread (including a running task) that schedules or cancels. Producers never touch the
 *       heap: they push the task's entry on a lock-free stack (one for new tasks, one for cancelled ones, linked through
 *       the entries: nothing allocated beyond the entry, nothing per tick) and, if their deadline is earlier than the
 *       timer thread's next wake, unpark it.</li>
 *   <li><b>Executor threads</b> (only with an executor): run {@code TaskEntry.run()}; they write the failure count and
 *       cancel through the producer path.</li>
 * </ul>
 *
 * <h2>Shared fields: who writes, who reads, and with what ordering (VarHandles, no Unsafe)</h2>
 * <ul>
 *   <li>{@code TimerCore.submitted} and {@code TimerCore.cancelled} (the two stack tops): producers CAS (volatile)
 *       after writing the entry's link ({@code TaskEntry.nextSubmitted, submittedDepth, nextCancelled}: plain,
 *       published by that CAS); owner {@code getAndSet(null)} (volatile), then reads and clears the links;
 *       {@code hasPendingCommands} reads volatile. An entry is pushed on each stack at most once, so a link is never
 *       rewritten while the owner walks it.</li>
 *   <li>{@code TimerCore.closed}: {@code close()} CAS false→true (volatile); everyone reads volatile.</li>
 *   <li>{@code StandaloneTimeScheduler.wakeAtTaiNanos}: timer thread writes volatile (when it will wake on its own,
 *       before it parks; {@code Long.MIN_VALUE} when awake); producers read volatile after their push (Dekker pair
 *       with the stacks: one side always sees the other, so no wake-up is lost).</li>
 *   <li>{@code TaskEntry.state} (SCHEDULED / CANCELLED / DONE): {@code cancel()} CAS SCHEDULED→CANCELLED from any
 *       thread; owner CAS SCHEDULED→DONE; reads are acquire. Only the CAS winner acts, so exactly one
 *       {@code cancel()} returns true and a once-only task runs at most once.</li>
 *   <li>{@code TaskEntry.runCount}, {@code skippedTicks}, {@code publishedNextDeadlineTaiNanos}: single writer (the
 *       owner) with plain read + release write; readers acquire.</li>
 *   <li>{@code TaskEntry.failureCount}: atomic {@code getAndAdd} by whichever thread ran the task (the owner, an
 *       executor thread, or the owner when the executor refuses); readers acquire.</li>
 *   <li>{@code TaskEntry.owedRuns} (executor path only: runs handed over and not finished, the one in flight
 *       included): the owner claims with CAS 0→1 (SKIP, once-only) or {@code getAndAdd(1)} (CATCH_UP) and hands the
 *       entry over only when it was 0; the executor thread {@code getAndAdd(-1)} after each run and runs again while
 *       runs are owed. All volatile, so a run's writes happen-before the next run of the same task (which is never
 *       concurrent with it), and no slot is lost between "run finished" and "slot fell due".</li>
 *   <li>{@code RateLimitedLog.Pending} (the logs holding back a burst of failures): any thread that logs a failure
 *       adds to it (a {@code ConcurrentLinkedQueue}, on failure paths only); the owner flushes it at each wake, which
 *       is a volatile read when it is empty. Each log's own state is guarded by its monitor.</li>
 *   <li>{@code LatenessHistogram} (a task's lateness record, when the settings ask for one): single writer (the
 *       owner) under a sequence counter: version set odd (opaque) and a store-store fence, counts written opaque,
 *       version set even with release; a reader of {@code ScheduledTask.lateness()} reads the version with acquire,
 *       copies the counts, a load-load fence, re-reads the version and retries unless it is the same even value. No
 *       lock on either side; the writer never waits.</li>
 *   <li>{@code StandaloneTimeScheduler.timerThreadScheduling} (what the timer thread got from the kernel): written
 *       once by the timer thread before it counts down a latch that {@code standalone(...)} awaits (happens-before),
 *       and volatile for readers after that.</li>
 *   <li>{@code TaskEntry.logs} (its rate-limited logs, made at its first failure or skipped slot): any thread makes
 *       them and publishes with {@code compareAndExchange} (volatile), readers acquire; a racer's copy is dropped
 *       unused.</li>
 *   <li>{@code TaskEntry.handedOverTaiNanos} (when the run in flight was handed to the executor): owner only, plain.
 *       {@code TaskEntry.eventName} (the task's text in JFR events): racy single-check, benign (an immutable
 *       String, the same text whoever makes it).</li>
 *   <li>{@code TaskEntry.inline} (final): true without an executor and for a message delivery, which runs on the
 *       owner thread even when other tasks go to the executor.</li>
 *   <li>{@code TaskEntry.startTaiNanos, deadlineTaiNanos, tickIndex, sequence, heapIndex} and the heap array: owner
 *       only, plain. Successive owners are ordered by the simulation lock or, for the timer thread, there is only
 *       one.</li>
 *   <li>Final fields (task, period, settings, executor, time source) are safely published by construction; a new
 *       {@code TaskEntry} reaches the owner through the volatile CAS of the stack of new tasks.</li>
 * </ul>
 */
package io.obstime.scheduler;
