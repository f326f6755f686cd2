package io.obstime.monitor;

import io.obstime.clock.LeapState;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FAKE reference for the verdict logic: answers with scripted steps (an offset, silence, a throw, null), one step per
 * call; the last step repeats. It measures nothing; the real references (kernel, chrony, NTP, PHC) have their own
 * tests against the real thing.
 */
final class ScriptedReference implements ClockReference {

    /** One scripted answer. */
    interface Step {
        ReferenceReading answer(String name, TaiTime at);
    }

    private final String name;
    private final Deque<Step> steps = new ArrayDeque<>();
    private Step last;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();

    ScriptedReference(String name, Step... script) {
        this.name = name;
        for (Step s : script) {
            steps.add(s);
        }
    }

    /** Appends steps to the script (the current last step is no longer repeated once these are reached). */
    synchronized ScriptedReference then(Step... more) {
        for (Step s : more) {
            steps.add(s);
        }
        return this;
    }

    static Step offset(long offsetNanos, long uncertaintyNanos) {
        return (n, at) -> ReferenceReading.measured(n, at, offsetNanos, uncertaintyNanos, 400_000, 2, -1,
                LeapState.NONE, "scripted");
    }

    static Step silent(String reason) {
        return (n, at) -> ReferenceReading.noAnswer(n, at, reason);
    }

    static Step throwing(RuntimeException e) {
        return (n, at) -> {
            throw e;
        };
    }

    static Step returnsNull() {
        return (n, at) -> null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized ReferenceReading measure(TimeSource clock, Duration timeout) {
        calls.incrementAndGet();
        Step step = steps.isEmpty() ? last : steps.poll();
        last = step;
        return step.answer(name, TaiTime.ofEpochNanos(clock.taiNanos()));
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
