package io.obstime.scheduler.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.obstime.scheduler.MissedTickPolicy;
import io.obstime.scheduler.TaskFailurePolicy;
import io.obstime.scheduler.TimeSchedulerSettings;
import io.obstime.scheduler.TimerThreadPolicy;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code obstime.scheduler} section of a Typesafe Config, validated: the scheduler's settings plus where its tasks
 * run ({@link #runInline()}, {@link #dispatcher()}). Keys and defaults are documented in the module's
 * {@code reference.conf}. Internal, not API. Immutable, thread-safe.
 *
 * <p>A bad value fails with {@link ConfigException.BadValue} whose message names where it was written (file and line
 * when the config came from a file), the full key and the value as written, e.g.
 * {@code application.conf: 12: Invalid value at 'obstime.scheduler.spin-margin': "-5us" must be >= 0 ...}.
 */
public final class ConfigSettings {

    /** The config path of the section read. */
    public static final String PATH = "obstime.scheduler";

    static final String SPIN_MARGIN = PATH + ".spin-margin";
    static final String TIMER_SLACK = PATH + ".timer-slack";
    static final String MIN_PERIOD = PATH + ".min-period";
    static final String MAX_PARK = PATH + ".max-park";
    static final String MISSED_TICKS = PATH + ".missed-ticks";
    static final String MAX_CATCH_UP = PATH + ".max-catch-up";
    static final String ON_TASK_FAILURE = PATH + ".on-task-failure";
    static final String SIMULATED_TASK_FAILURES = PATH + ".simulated-task-failures";
    static final String OVERRUN_LOG_INTERVAL = PATH + ".overrun-log-interval";
    static final String RUN_INLINE = PATH + ".run-inline";
    static final String DISPATCHER = PATH + ".dispatcher";
    static final String TIMER_THREAD_POLICY = PATH + ".timer-thread-policy";
    static final String TIMER_THREAD_PRIORITY = PATH + ".timer-thread-priority";
    static final String TIMER_THREAD_CPUS = PATH + ".timer-thread-cpus";
    static final String REAL_TIME_SPIN = PATH + ".real-time-spin";
    static final String RECORD_LATENESS = PATH + ".record-lateness-up-to";

    private static final Set<String> KEYS = Set.of(
            "spin-margin", "timer-slack", "min-period", "max-park", "missed-ticks", "max-catch-up", "on-task-failure",
            "simulated-task-failures", "overrun-log-interval", "run-inline", "dispatcher", "timer-thread-policy",
            "timer-thread-priority", "timer-thread-cpus", "real-time-spin", "record-lateness-up-to");

    /** Spinning a whole second before every deadline is surely a unit mistake. */
    static final long MAX_SPIN_MARGIN_NANOS = 1_000_000_000L;

    /** A duration as written must end in a unit: HOCON reads a bare number as milliseconds, a trap for "200" (us). */
    private static final Pattern ENDS_WITH_UNIT = Pattern.compile(".*[A-Za-z]\\s*");

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSettings.class);

    private final TimeSchedulerSettings settings;
    private final boolean runInline;
    private final String dispatcher;

    private ConfigSettings(TimeSchedulerSettings settings, boolean runInline, String dispatcher) {
        this.settings = settings;
        this.runInline = runInline;
        this.dispatcher = dispatcher;
    }

    /**
     * Reads and validates {@code obstime.scheduler} from a config such as an actor system's. Keys missing from
     * {@code config} take their values from the {@code reference.conf} files seen by this class's class loader. Keys in
     * the section that obstime does not know (most likely misspelt) are named in one WARN.
     *
     * @param config a resolved config holding, or falling back to, the {@code obstime.scheduler} section
     * @return the validated settings; {@link #settings()} has no executor (tasks inline) until the caller adds one
     * @throws NullPointerException     if {@code config} is null
     * @throws ConfigException.BadValue if a value has the wrong type, is malformed or out of range; the message names
     *                                  the key and the value
     * @throws ConfigException.Missing  if a key is missing and no reference.conf supplies it
     */
    public static ConfigSettings fromConfig(Config config) {
        Objects.requireNonNull(config, "config");
        Config c = config.withFallback(ConfigFactory.defaultReference(ConfigSettings.class.getClassLoader()));
        warnAboutUnknownKeys(c);

        long spinMarginNanos = durationNanos(c, SPIN_MARGIN);
        if (spinMarginNanos < 0 || spinMarginNanos >= MAX_SPIN_MARGIN_NANOS) {
            throw badValue(c, SPIN_MARGIN, "must be >= 0 and below 1s, e.g. 0us (no spinning) or 200us", null);
        }
        long timerSlackNanos = durationNanos(c, TIMER_SLACK);
        if (timerSlackNanos < 0) {
            throw badValue(c, TIMER_SLACK, "must be >= 0, e.g. 1ns (0ns = as inherited, usually 50us)", null);
        }
        long minPeriodNanos = durationNanos(c, MIN_PERIOD);
        if (minPeriodNanos <= 0) {
            throw badValue(c, MIN_PERIOD, "must be > 0, e.g. 100us", null);
        }
        long maxParkNanos = durationNanos(c, MAX_PARK);
        if (maxParkNanos <= 0) {
            throw badValue(c, MAX_PARK, "must be > 0, e.g. 100ms", null);
        }
        MissedTickPolicy missedTicks = "skip".equals(oneOf(c, MISSED_TICKS, "skip", "catch-up"))
                ? MissedTickPolicy.SKIP : MissedTickPolicy.CATCH_UP;
        long maxCatchUpNanos = durationNanos(c, MAX_CATCH_UP);
        if (maxCatchUpNanos <= 0) {
            throw badValue(c, MAX_CATCH_UP, "must be > 0, e.g. 1s", null);
        }
        TaskFailurePolicy onTaskFailure = "continue".equals(oneOf(c, ON_TASK_FAILURE, "continue", "cancel"))
                ? TaskFailurePolicy.CONTINUE : TaskFailurePolicy.CANCEL;
        boolean simulatedFailuresRethrown =
                "rethrow".equals(oneOf(c, SIMULATED_TASK_FAILURES, "rethrow", "log"));
        long overrunLogIntervalNanos = durationNanos(c, OVERRUN_LOG_INTERVAL);
        if (overrunLogIntervalNanos < 0) {
            throw badValue(c, OVERRUN_LOG_INTERVAL, "must be >= 0, e.g. 10s (0s = never log)", null);
        }
        boolean runInline = onOff(c, RUN_INLINE);
        String dispatcher = string(c, DISPATCHER);

        // The settings' own checks (the engine's limits) may be stricter than ours: their message gets our key.
        TimeSchedulerSettings s = TimeSchedulerSettings.defaults();
        s = with(c, SPIN_MARGIN, s, x -> x.withSpinMarginNanos(spinMarginNanos));
        s = with(c, TIMER_SLACK, s, x -> x.withTimerSlackNanos(timerSlackNanos));
        s = with(c, MIN_PERIOD, s, x -> x.withMinPeriodNanos(minPeriodNanos));
        s = with(c, MAX_PARK, s, x -> x.withMaxParkNanos(maxParkNanos));
        s = with(c, MAX_CATCH_UP, s, x -> x.withMaxCatchUpNanos(maxCatchUpNanos));
        s = s.withMissedTickPolicy(missedTicks).withTaskFailurePolicy(onTaskFailure)
                .withSimulatedFailuresRethrown(simulatedFailuresRethrown)
                .withOverrunLogIntervalNanos(overrunLogIntervalNanos);
        long latenessUpToNanos = durationNanos(c, RECORD_LATENESS);
        if (latenessUpToNanos < 0) {
            throw badValue(c, RECORD_LATENESS, "must be >= 0, e.g. 1s (0s = not recorded)", null);
        }
        s = s.withLatenessRecordingUpToNanos(latenessUpToNanos);
        s = withRealTime(c, s);
        return new ConfigSettings(s, runInline, dispatcher);
    }

    /**
     * The exception for a {@code dispatcher} value the actor system cannot resolve.
     *
     * @param config the config the value was read from
     * @param cause  what the actor system's dispatcher lookup threw
     * @return a {@link ConfigException.BadValue} naming {@code obstime.scheduler.dispatcher} and its value
     */
    public static ConfigException.BadValue unknownDispatcher(Config config, RuntimeException cause) {
        return badValue(config, DISPATCHER,
                "names no dispatcher configured in the actor system (" + cause.getMessage() + ")", cause);
    }

    /**
     * @return spin margin, timer slack, minimum period, maximum park, missed-tick policy and its catch-up bound,
     *         task-failure policy, the timer thread's policy, priority and CPUs; tasks
     *         inline, default thread name: the caller sets the executor and thread name
     */
    public TimeSchedulerSettings settings() {
        return settings;
    }

    /** @return true when tasks run on the timer thread itself ({@code run-inline = on}) */
    public boolean runInline() {
        return runInline;
    }

    /** @return the config path of the dispatcher tasks run on; "" for the actor system's default dispatcher */
    public String dispatcher() {
        return dispatcher;
    }

    @Override
    public String toString() {
        return "ConfigSettings[runInline=" + runInline + ", dispatcher=\"" + dispatcher + "\", " + settings + "]";
    }

    /** The timer thread's policy, priority, CPUs and the spin permission; then the check of them together. */
    private static TimeSchedulerSettings withRealTime(Config c, TimeSchedulerSettings settings) {
        String policyName = string(c, TIMER_THREAD_POLICY);
        TimerThreadPolicy policy;
        switch (policyName) {
            case "inherited": policy = TimerThreadPolicy.INHERITED; break;
            case "fifo": policy = TimerThreadPolicy.FIFO; break;
            case "rr": policy = TimerThreadPolicy.RR; break;
            default: throw badValue(c, TIMER_THREAD_POLICY, "must be inherited, fifo or rr", null);
        }
        int priority;
        try {
            priority = c.getInt(TIMER_THREAD_PRIORITY);
        } catch (ConfigException.WrongType e) {
            throw badValue(c, TIMER_THREAD_PRIORITY, "must be an integer, e.g. 80 (1-99 for fifo and rr)", e);
        }
        int[] cpus;
        try {
            cpus = c.getIntList(TIMER_THREAD_CPUS).stream().mapToInt(Integer::intValue).toArray();
        } catch (ConfigException.WrongType e) {
            throw badValue(c, TIMER_THREAD_CPUS, "must be a list of CPU numbers, e.g. [3] ([] = as inherited)", e);
        }
        boolean spinAllowed = onOff(c, REAL_TIME_SPIN);
        TimeSchedulerSettings s = with(c, TIMER_THREAD_PRIORITY, settings,
                x -> x.withTimerThreadPolicy(policy, priority));
        if (cpus.length > 0) { // [] is the default: as inherited
            s = with(c, TIMER_THREAD_CPUS, s, x -> x.withTimerThreadCpus(cpus));
        }
        return with(c, SPIN_MARGIN, s.withRealTimeSpinAllowed(spinAllowed), TimeSchedulerSettings::validated);
    }

    private static long durationNanos(Config c, String key) {
        ConfigValue v = c.getValue(key);
        if (v.valueType() != ConfigValueType.STRING || !ENDS_WITH_UNIT.matcher((String) v.unwrapped()).matches()) {
            throw badValue(c, key, "is not a duration with a unit, e.g. 200us, 1ns or 1ms", null);
        }
        try {
            return c.getDuration(key).toNanos();
        } catch (ConfigException.BadValue | ArithmeticException e) {
            throw badValue(c, key, "is not a duration: a number and a unit (ns, us, ms, s), e.g. 200us", e);
        }
    }

    private static String oneOf(Config c, String key, String first, String second) {
        String value = string(c, key);
        if (!value.equals(first) && !value.equals(second)) {
            throw badValue(c, key, "must be " + first + " or " + second, null);
        }
        return value;
    }

    private static boolean onOff(Config c, String key) {
        try {
            return c.getBoolean(key);
        } catch (ConfigException.WrongType e) {
            throw badValue(c, key, "must be off or on", e);
        }
    }

    private static String string(Config c, String key) {
        ConfigValue v = c.getValue(key);
        if (v.valueType() != ConfigValueType.STRING) {
            throw badValue(c, key, "must be a string", null);
        }
        return (String) v.unwrapped();
    }

    private static TimeSchedulerSettings with(
            Config c, String key, TimeSchedulerSettings s, UnaryOperator<TimeSchedulerSettings> change) {
        try {
            return change.apply(s);
        } catch (IllegalArgumentException e) {
            throw badValue(c, key, "is not accepted: " + e.getMessage(), e);
        }
    }

    private static ConfigException.BadValue badValue(Config c, String key, String problem, Throwable cause) {
        ConfigValue v = c.getValue(key);
        return new ConfigException.BadValue(
                v.origin(), key, v.render(ConfigRenderOptions.concise()) + " " + problem, cause);
    }

    private static void warnAboutUnknownKeys(Config c) {
        if (!c.hasPath(PATH)) {
            return;
        }
        Set<String> unknown = new TreeSet<>(c.getConfig(PATH).root().keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            LOG.warn("{} has keys obstime does not know, ignored (misspelt?): {}; known keys: {}",
                    PATH, unknown, new TreeSet<>(KEYS));
        }
    }
}
