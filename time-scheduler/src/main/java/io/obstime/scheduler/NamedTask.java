package io.obstime.scheduler;

import java.util.Objects;

/**
 * A task with a name, for logs and the {@code toString()} of its {@link ScheduledTask}: give it to any schedule method
 * in place of the bare task. Without a name a lambda shows in the logs as something like
 * {@code Controller$$Lambda$59/0x...}:
 *
 * <pre>{@code
 * scheduler.schedulePeriodically(start, Duration.ofMillis(1), NamedTask.of("mount-loop", mount::step));
 * // a log line then names "ScheduledTask[mount-loop, periodNanos=1000000, scheduled]"
 * }</pre>
 *
 * <p>The scheduler runs the wrapped task directly (the name costs nothing per tick). Immutable, thread-safe.
 */
public final class NamedTask implements Runnable {

    /** The longest name accepted: longer ones would flood every log line that names the task. */
    public static final int MAX_NAME_LENGTH = 200;

    private final String name;
    private final Runnable task;

    private NamedTask(String name, Runnable task) {
        this.name = name;
        this.task = task;
    }

    /**
     * @param name what logs and {@code toString()} call the task; 1 to {@value #MAX_NAME_LENGTH} characters, not
     *             blank, no line breaks (a log line must stay one line)
     * @param task what to run
     * @return the task with that name
     * @throws NullPointerException     naming {@code name} or {@code task} if null
     * @throws IllegalArgumentException if {@code name} is blank, too long or contains a line break
     */
    public static NamedTask of(String name, Runnable task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            String shown = name.length() > 60 ? name.substring(0, 60) + "... (" + name.length() + " characters)" : name;
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME_LENGTH
                    + " characters, not blank, without line breaks; was \"" + shown.replace("\n", "\\n")
                    .replace("\r", "\\r") + "\"");
        }
        return new NamedTask(name, task);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the task that runs */
    public Runnable task() {
        return task;
    }

    /** Runs the wrapped task. */
    @Override
    public void run() {
        task.run();
    }

    /** @return the name */
    @Override
    public String toString() {
        return name;
    }
}
