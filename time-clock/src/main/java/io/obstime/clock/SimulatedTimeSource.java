package io.obstime.clock;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TimeSource} whose time moves only when told to: for deterministic tests of anything that takes a
 * {@code TimeSource}, such as a scheduler, including across clock steps and leap seconds.
 *
 * <h2>What it reproduces</h2>
 * TAI is the simulation's master clock; UTC is TAI minus the offset from its {@link #leapSeconds() table} on the
 * kernel's convention ({@link LeapSecondTable#taiMinusUtcAtTaiNanos}). So a leap second, whether already in the
 * table or announced with {@link #insertLeapSecond(LocalDate)} / {@link #deleteLeapSecond(LocalDate)}, behaves as the
 * Linux kernel makes it behave, where T is the midnight ending the leap day and o the offset before it:
 * <ul>
 *   <li>inserted: over TAI [T+o, T+o+1) {@link #utcNanos()} repeats 23:59:59 (TAI − (o+1)), {@link #taiOffset()} is
 *       already o+1, {@link #taiNanos()} is continuous;</li>
 *   <li>deleted: {@link #utcNanos()} goes from 23:59:58.999999999 to 00:00:00 (23:59:59 is skipped), the offset
 *       becomes o−1, TAI is continuous.</li>
 * </ul>
 * The {@link ClockStatus#leapState() leap state} follows the last announcement made here: {@code INSERT_PENDING} or
 * {@code DELETE_PENDING} from the announcement until the leap second starts (a simplification: the kernel's flag is
 * normally set only on the leap day itself), {@code IN_PROGRESS} during an inserted second, then {@code OCCURRED}
 * (the kernel's TIME_WAIT) until the next announcement; {@code NONE} before any. Leap seconds already in the table
 * were never announced and leave the state alone.
 *
 * <h2>Moving time</h2>
 * {@link #advance(Duration)} moves TAI forward and stops at every {@link SimulatedTimeListener} deadline on the way,
 * in time order, with the clock reading that deadline; {@link #step(Duration)} is a clock step such as an
 * administrator's clock change or chrony's {@code makestep} (either sign, no stops on the way). Listeners are called on the
 * thread that calls {@code advance} or {@code step}, in the order they were added. A listener must not call
 * {@code advance} or {@code step} from {@code onTime} ({@link IllegalStateException}); it may add or remove
 * listeners, change its own deadlines (earlier ones included: they are honoured) and announce leap seconds. An
 * exception thrown by a listener's {@code onTime} propagates to the caller of {@code advance}/{@code step}, and the
 * clock stays at the instant at which it was thrown. At the end of every move, also one that threw, each listener's
 * {@link SimulatedTimeListener#moveEnded moveEnded} is called; what it throws propagates too, once all have been
 * called (the first exception, the others suppressed in it).
 *
 * <h2>Task failures</h2>
 * A scheduler driven by this source ({@code io.obstime.scheduler.TimeScheduler}) runs its tasks inside
 * {@code advance}/{@code step}. A task that throws does not stop the move: every task due in that call runs, then the
 * call throws the first task failure (an assertion that failed inside a task fails the test that advanced the clock),
 * the later ones suppressed in it, unless the scheduler's settings say to log only
 * ({@code TimeSchedulerSettings.withSimulatedFailuresRethrown(false)}, config {@code simulated-task-failures = log}).
 * The clock is then at the end of the move, as without the failure.
 *
 * <h2>Threads</h2>
 * The readings ({@link #utcNanos()}, {@link #taiNanos()}, {@link #taiOffset()}, {@link #status()},
 * {@link #leapSeconds()}) may be taken from any thread, allocate nothing (except {@code status()}) and take no lock.
 * {@code advance}, {@code step} and the announcements are serialized by a lock: a second thread waits.
 */
public final class SimulatedTimeSource implements TimeSource {

    /** How many times one instant may be visited during one advance before a listener is deemed stuck. */
    static final int MAX_VISITS_OF_ONE_INSTANT = 100_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400;

    /**
     * The whole state as one immutable snapshot behind one volatile reference: a reader on another thread sees a TAI
     * reading together with the table that was in force at it, never one update's TAI with another's table.
     */
    private volatile State state;
    private final ReentrantLock driving = new ReentrantLock();
    private final CopyOnWriteArrayList<SimulatedTimeListener> listeners = new CopyOnWriteArrayList<>();

    private SimulatedTimeSource(State state) {
        this.state = state;
    }

    /**
     * Note: {@link LeapSecondTable#system()} depends on the machine (its tzdata file, {@code -Dobstime.leapSecondsFile});
     * a test that must give the same answer everywhere passes {@link LeapSecondTable#bundled()} to
     * {@link #startingAt(UtcTime, LeapSecondTable)}.
     *
     * @param start the simulated UTC now
     * @return a simulated source at {@code start}, following {@link LeapSecondTable#system()}
     */
    public static SimulatedTimeSource startingAt(UtcTime start) {
        return startingAt(start, LeapSecondTable.system());
    }

    /**
     * @param start the simulated UTC now; the repeated 23:59:59 of a leap day means its first occurrence
     * @param table the leap seconds the simulation follows
     * @return a simulated source at {@code start}
     */
    public static SimulatedTimeSource startingAt(UtcTime start, LeapSecondTable table) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(table, "table");
        return new SimulatedTimeSource(new State(table.utcToTaiNanos(start.epochNanos()), table, List.of()));
    }

    // ------------------------------------------------------------------------------------------------ readings

    /** @return simulated UTC: TAI minus the table's offset at that TAI instant (23:59:59 repeats in a leap second) */
    @Override
    public long utcNanos() {
        return utcNanosOf(state);
    }

    private static long utcNanosOf(State s) {
        return s.taiNanos - s.table.taiMinusUtcAtTaiNanos(s.taiNanos) * NANOS_PER_SECOND;
    }

    /** @return simulated TAI, nanoseconds since 1970-01-01T00:00:00 TAI */
    @Override
    public long taiNanos() {
        return state.taiNanos;
    }

    /** @return TAI − UTC now; already the new value during an inserted leap second, as the kernel reports it */
    @Override
    public int taiOffset() {
        State s = state;
        return s.table.taiMinusUtcAtTaiNanos(s.taiNanos);
    }

    /**
     * @return synchronised, zero errors, the simulated leap state, kernel offset = delivered offset, taiSource and
     *         backend {@code SIMULATED}
     */
    @Override
    public ClockStatus status() {
        State s = state;
        int offset = s.table.taiMinusUtcAtTaiNanos(s.taiNanos);
        return new ClockStatus(true, 0, 0, s.leapState(), offset, offset, TaiSource.SIMULATED, ClockBackend.SIMULATED);
    }

    /** @return the table the simulation follows, including the leap seconds announced here */
    @Override
    public LeapSecondTable leapSeconds() {
        return state.table;
    }

    // ------------------------------------------------------------------------------------------------ moving time

    /**
     * Moves TAI forward by {@code duration}. On the way it stops at each listener deadline that is at or before the
     * target, earliest first, sets the clock to it and calls {@code onTime(deadline)} on the listeners due then
     * (their {@code nextDeadlineTaiNanos()} is at or before it); deadlines set during those calls are honoured, so
     * this repeats until no deadline at or before the target remains. A deadline already in the past is served at
     * the current instant. Then the clock is set to the target and every listener gets {@code onTime(target)}.
     *
     * @param duration how far to move, zero or positive
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws IllegalStateException    if called from a listener's {@code onTime}, or if listeners stay due at one
     *                                  instant after {@value #MAX_VISITS_OF_ONE_INSTANT} calls
     * @throws ArithmeticException      if the target leaves the range of a long count of nanoseconds
     * @throws RuntimeException         or an {@link Error}: what a listener threw, from {@code onTime} (the move stops
     *                                  there) or from {@code moveEnded} (the move is complete), such as the first task
     *                                  failure of a scheduler on this source (see Task failures in the class
     *                                  documentation)
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration " + duration + " is negative: advance only moves forward; "
                    + "use step for a backward clock step");
        }
        enterDriving("advance");
        Throwable moveFailure = null;
        try {
            long targetTaiNanos = moved(state, duration);
            long visitedTaiNanos = Long.MIN_VALUE;
            int visits = 0;
            for (long deadline = earliestDeadline(); isDue(deadline, targetTaiNanos); deadline = earliestDeadline()) {
                long at = Math.max(deadline, state.taiNanos);
                visits = at == visitedTaiNanos ? visits + 1 : 1;
                visitedTaiNanos = at;
                if (visits > MAX_VISITS_OF_ONE_INSTANT) {
                    throw new IllegalStateException("listeners still due at " + TaiTime.ofEpochNanos(at) + " after "
                            + MAX_VISITS_OF_ONE_INSTANT + " calls of onTime there: a listener does not move its "
                            + "deadline past the time it is given");
                }
                setTai(at);
                for (SimulatedTimeListener listener : listeners) {
                    if (isDue(listener.nextDeadlineTaiNanos(), at)) {
                        listener.onTime(at);
                    }
                }
            }
            setTai(targetTaiNanos);
            tellEveryListener(targetTaiNanos);
        } catch (RuntimeException | Error e) {
            moveFailure = e;
        }
        endMove(moveFailure);
    }

    /**
     * A clock step, as an administrator's clock change or chrony's {@code makestep} makes: TAI moves by {@code duration} (either
     * sign) and UTC with it, without stopping at the deadlines in between; then every listener gets
     * {@code onTime(now)}. This is a step of TAI: UTC moves by exactly {@code duration} too unless the step crosses a
     * leap second, when it moves by the duration less the change in offset (the simulated offset always follows the
     * table). A real step of the system clock moves CLOCK_REALTIME by the duration and leaves the kernel's offset alone;
     * to mimic one across a leap second, step by the UTC duration plus the change in offset.
     *
     * @param duration the step, any sign
     * @throws IllegalStateException if called from a listener's {@code onTime}
     * @throws ArithmeticException   if the result leaves the range of a long count of nanoseconds
     * @throws RuntimeException      or an {@link Error}: what a listener threw from {@code onTime} or
     *                               {@code moveEnded}, such as the first task failure of a scheduler on this source
     */
    public void step(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        enterDriving("step");
        Throwable moveFailure = null;
        try {
            long nowTaiNanos = moved(state, duration);
            setTai(nowTaiNanos);
            tellEveryListener(nowTaiNanos);
        } catch (RuntimeException | Error e) {
            moveFailure = e;
        }
        endMove(moveFailure);
    }

    /**
     * Announces a leap second inserted at the end of the UTC day {@code day}: 23:59:60 happens (shown as 23:59:59
     * twice) and TAI − UTC grows by one. The leap state becomes {@code INSERT_PENDING}.
     *
     * @param day the UTC day that ends with the leap second
     * @throws IllegalArgumentException if the leap second would already have started, or if {@code day} is not after
     *                                  the last leap second of the table
     */
    public void insertLeapSecond(LocalDate day) {
        announce(day, true);
    }

    /**
     * Announces a leap second deleted at the end of the UTC day {@code day}: 23:59:59 is skipped and TAI − UTC
     * shrinks by one. The leap state becomes {@code DELETE_PENDING}.
     *
     * @param day the UTC day that ends without its last second
     * @throws IllegalArgumentException if the deleted second would already have started, or if {@code day} is not
     *                                  after the last leap second of the table
     */
    public void deleteLeapSecond(LocalDate day) {
        announce(day, false);
    }

    /**
     * Adds a listener (once: adding it again does nothing), called after those already added.
     *
     * @param listener the listener
     */
    public void addListener(SimulatedTimeListener listener) {
        listeners.addIfAbsent(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener; does nothing if it was not added.
     *
     * @param listener the listener
     */
    public void removeListener(SimulatedTimeListener listener) {
        listeners.remove(Objects.requireNonNull(listener, "listener"));
    }

    /** @return the simulated TAI and UTC now, the offset and the leap state */
    @Override
    public String toString() {
        State s = state;
        return "SimulatedTimeSource[" + TaiTime.ofEpochNanos(s.taiNanos) + ", " + UtcTime.ofEpochNanos(utcNanosOf(s))
                + ", TAI − UTC " + s.table.taiMinusUtcAtTaiNanos(s.taiNanos) + " s, " + s.leapState() + "]";
    }

    // ------------------------------------------------------------------------------------------------ internals

    /**
     * The end of a move, with the driving lock held by this thread: calls every listener's
     * {@link SimulatedTimeListener#moveEnded}, releases the lock, then throws {@code moveFailure} or else the first
     * exception a {@code moveEnded} threw, with the others suppressed in it.
     *
     * @param moveFailure what the move itself threw, or null
     */
    private void endMove(Throwable moveFailure) {
        Throwable first = moveFailure;
        try {
            long nowTaiNanos = state.taiNanos;
            for (SimulatedTimeListener listener : listeners) {
                try {
                    listener.moveEnded(nowTaiNanos);
                } catch (RuntimeException | Error e) {
                    if (first == null) {
                        first = e;
                    } else if (first != e) {
                        first.addSuppressed(e);
                    }
                }
            }
        } finally {
            driving.unlock();
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first != null) {
            throw (Error) first;
        }
    }

    private void enterDriving(String operation) {
        if (driving.isHeldByCurrentThread()) {
            throw new IllegalStateException(operation + " called from inside a SimulatedTimeListener while the "
                    + "source is already advancing or stepping; schedule the work instead of moving time re-entrantly");
        }
        driving.lock();
    }

    /** @return the TAI instant {@code duration} after the state's, checked so that UTC stays computable too */
    private static long moved(State s, Duration duration) {
        try {
            long taiNanos = Math.addExact(s.taiNanos, duration.toNanos());
            Math.subtractExact(taiNanos, s.table.taiMinusUtcAtTaiNanos(taiNanos) * NANOS_PER_SECOND);
            return taiNanos;
        } catch (ArithmeticException e) {
            throw new ArithmeticException("duration " + duration + " takes the simulated clock, now at "
                    + TaiTime.ofEpochNanos(s.taiNanos) + ", outside the range of a long count of nanoseconds");
        }
    }

    private long earliestDeadline() {
        long earliest = Long.MAX_VALUE;
        for (SimulatedTimeListener listener : listeners) {
            earliest = Math.min(earliest, listener.nextDeadlineTaiNanos());
        }
        return earliest;
    }

    /** Long.MAX_VALUE means "no deadline": it is never due, not even at a target of Long.MAX_VALUE. */
    private static boolean isDue(long deadlineTaiNanos, long targetTaiNanos) {
        return deadlineTaiNanos != Long.MAX_VALUE && deadlineTaiNanos <= targetTaiNanos;
    }

    private void tellEveryListener(long nowTaiNanos) {
        for (SimulatedTimeListener listener : listeners) {
            listener.onTime(nowTaiNanos);
        }
    }

    private void setTai(long taiNanos) {
        State s = state;
        state = new State(taiNanos, s.table, s.announced);
    }

    private void announce(LocalDate day, boolean insert) {
        Objects.requireNonNull(day, "day");
        driving.lock(); // re-entrant: a listener may announce from onTime
        try {
            State s = state;
            LeapSecondTable table = s.table.withLeapSecond(day, insert);
            long midnightUtcNanos = (day.toEpochDay() + 1) * SECONDS_PER_DAY * NANOS_PER_SECOND;
            int before = table.taiMinusUtcAtUtcNanos(midnightUtcNanos - 1);
            // Inserted: the leap second is TAI [T+o, T+o+1). Deleted: UTC jumps over 23:59:59 at TAI T+o−1.
            long startTaiNanos = midnightUtcNanos + (insert ? before : before - 1) * NANOS_PER_SECOND;
            long endTaiNanos = insert ? startTaiNanos + NANOS_PER_SECOND : startTaiNanos;
            if (s.taiNanos >= startTaiNanos) {
                throw new IllegalArgumentException("day " + day + ": the simulated clock, at "
                        + TaiTime.ofEpochNanos(s.taiNanos) + " (" + UtcTime.ofEpochNanos(utcNanosOf(s)) + "), is already "
                        + "past the start of a leap second at its end, " + TaiTime.ofEpochNanos(startTaiNanos));
            }
            List<Announcement> announced = new ArrayList<>(s.announced);
            announced.add(new Announcement(startTaiNanos, endTaiNanos, insert));
            state = new State(s.taiNanos, table, List.copyOf(announced));
        } finally {
            driving.unlock();
        }
    }

    /** A leap second announced here: TAI [start, end); end == start for a deletion. */
    private record Announcement(long startTaiNanos, long endTaiNanos, boolean insert) {
    }

    /** Immutable: the simulated TAI now, the table in force and the announcements in time order. */
    private record State(long taiNanos, LeapSecondTable table, List<Announcement> announced) {

        LeapState leapState() {
            for (Announcement a : announced) {
                if (taiNanos < a.startTaiNanos) {
                    return a.insert ? LeapState.INSERT_PENDING : LeapState.DELETE_PENDING;
                }
                if (taiNanos < a.endTaiNanos) {
                    return LeapState.IN_PROGRESS;
                }
            }
            return announced.isEmpty() ? LeapState.NONE : LeapState.OCCURRED;
        }
    }
}
