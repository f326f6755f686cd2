package io.obstime.scheduler.akka;

import akka.actor.DeadLetter;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.Behaviors;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.actor.ActorTimersContract;
import io.obstime.scheduler.akka.javadsl.TaiBehaviors;
import io.obstime.scheduler.javadsl.TaiTimerScheduler;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** {@link ActorTimersContract} on Akka Typed 2.6, with Akka's ActorTestKit. */
class AkkaTaiTimersTest extends ActorTimersContract {

    @Override
    protected Kit start() {
        ActorTestKit testKit = ActorTestKit.create();
        return new Kit() {
            @Override
            public Probe probe() {
                return new AkkaProbe(testKit.createTestProbe());
            }

            @Override
            public Probe deadLetters() {
                TestProbe<DeadLetter> probe = testKit.createTestProbe();
                testKit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, probe.ref()));
                return new AkkaProbe(probe);
            }

            @Override
            public Actor spawnForwarding(TimeScheduler scheduler, Probe out,
                    Consumer<TaiTimerScheduler<Object>> onStart, boolean restartOnCrash) {
                Behavior<Object> behavior = TaiBehaviors.withTaiTimersOn(scheduler, timers -> {
                    onStart.accept(timers);
                    return forwardingTo(out);
                });
                return actor(restartOnCrash ? Behaviors.supervise(behavior).onFailure(IllegalStateException.class,
                        SupervisorStrategy.restart().withLoggingEnabled(false)) : behavior);
            }

            @Override
            public Actor spawnForwardingOnSystemScheduler(Probe out, Consumer<TaiTimerScheduler<Object>> onStart) {
                return actor(TaiBehaviors.withTaiTimers(timers -> {
                    onStart.accept(timers);
                    return forwardingTo(out);
                }));
            }

            private Actor actor(Behavior<Object> behavior) {
                ActorRef<Object> ref = testKit.spawn(behavior);
                return new Actor() {
                    @Override
                    public void tell(Object message) {
                        ref.tell(message);
                    }

                    @Override
                    public void stopFromOutside() {
                        testKit.stop(ref, GENEROUS);
                    }

                    @Override
                    public Object ref() {
                        return ref;
                    }
                };
            }

            @Override
            public TimeScheduler createFace(TimeSource timeSource) {
                return AkkaTimeScheduler.create(testKit.system(), timeSource);
            }

            @Override
            @SuppressWarnings("unchecked")
            public ScheduledTask every(TimeScheduler face, TaiTime start, Duration period, Probe target,
                    String message) {
                return ((AkkaTimeScheduler) face).schedulePeriodically(start, period,
                        (ActorRef<Object>) target.ref(), message);
            }

            @Override
            @SuppressWarnings("unchecked")
            public ScheduledTask once(TimeScheduler face, TaiTime at, Probe target, String message) {
                return ((AkkaTimeScheduler) face).scheduleOnce(at, (ActorRef<Object>) target.ref(), message);
            }

            @Override
            public void shutdown() {
                testKit.shutdownTestKit();
            }
        };
    }

    /** The contract's forwarding behavior: runs Runnables (then "done"), crashes, stops, forwards the rest. */
    @SuppressWarnings("unchecked")
    private static Behavior<Object> forwardingTo(Probe out) {
        ActorRef<Object> to = (ActorRef<Object>) out.ref();
        return Behaviors.receiveMessage(message -> {
            if (message instanceof Runnable command) {
                command.run();
                to.tell("done");
            } else if ("crash".equals(message)) {
                throw new IllegalStateException("crash (on purpose)");
            } else if ("stop".equals(message)) {
                return Behaviors.stopped();
            } else {
                to.tell(message);
            }
            return Behaviors.same();
        });
    }

    private record AkkaProbe(TestProbe<?> probe) implements Probe {
        @Override
        public Object receive(Duration max) {
            return probe.receiveMessage(max);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Object> receiveSeveral(int n, Duration max) {
            return (List<Object>) probe.receiveSeveralMessages(n, max);
        }

        @Override
        public void expectNoMessage(Duration quiet) {
            probe.expectNoMessage(quiet);
        }

        @Override
        public void awaitAssert(Duration max, Runnable assertion) {
            probe.awaitAssert(max, () -> {
                assertion.run();
                return null;
            });
        }

        @Override
        public void expectTerminated(Object actorRef, Duration max) {
            probe.expectTerminated((ActorRef<?>) actorRef, max);
        }

        @Override
        public void stop() {
            probe.stop();
        }

        @Override
        public Object ref() {
            return probe.ref();
        }
    }
}
