package io.obstime.scheduler.pekko;

import com.typesafe.config.ConfigFactory;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TickMessage;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.actor.ActorFaceContract;
import java.time.Duration;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/** {@link ActorFaceContract} on Apache Pekko 1.x, with Pekko's ActorTestKit. */
class PekkoTimeSchedulerTest extends ActorFaceContract {

    @Override
    protected Runtime start(String hocon) {
        ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString(hocon));
        return new Runtime() {
            @Override
            public TimeScheduler create() {
                return PekkoTimeScheduler.create(testKit.system());
            }

            @Override
            public TimeScheduler create(TimeSource timeSource) {
                return PekkoTimeScheduler.create(testKit.system(), timeSource);
            }

            @Override
            public TimeScheduler createWithNullSystem() {
                return PekkoTimeScheduler.create(null);
            }

            @Override
            public TimeScheduler get() {
                return PekkoTimeScheduler.get(testKit.system());
            }

            @Override
            public TimeScheduler getWithNullSystem() {
                return PekkoTimeScheduler.get(null);
            }

            @Override
            public Probe probe() {
                return new PekkoProbe(testKit.createTestProbe());
            }

            @Override
            public String systemName() {
                return testKit.system().name();
            }

            @Override
            public void shutdown() {
                testKit.shutdownTestKit();
            }

            @Override
            public void runCoordinatedShutdown() {
                CoordinatedShutdown.get(testKit.system())
                        .runAll(CoordinatedShutdown.unknownReason())
                        .toCompletableFuture()
                        .join();
            }
        };
    }

    @Override
    protected String runtimeConfigPrefix() {
        return "pekko";
    }

    private record PekkoProbe(TestProbe<String> probe) implements Probe {
        @Override
        public ScheduledTask once(TimeScheduler s, TaiTime at, String message) {
            return ((PekkoTimeScheduler) s).scheduleOnce(at, probe.ref(), message);
        }

        @Override
        public ScheduledTask once(TimeScheduler s, UtcTime at, String message) {
            return ((PekkoTimeScheduler) s).scheduleOnce(at, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, Duration period, String message) {
            return ((PekkoTimeScheduler) s).schedulePeriodically(period, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, TaiTime start, Duration period, String message) {
            return ((PekkoTimeScheduler) s).schedulePeriodically(start, period, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, UtcTime start, Duration period, String message) {
            return ((PekkoTimeScheduler) s).schedulePeriodically(start, period, probe.ref(), message);
        }

        @Override
        public ScheduledTask once(TimeScheduler s, TaiTime at, TickMessage<String> message) {
            return ((PekkoTimeScheduler) s).scheduleOnce(at, probe.ref(), message);
        }

        @Override
        public ScheduledTask once(TimeScheduler s, UtcTime at, TickMessage<String> message) {
            return ((PekkoTimeScheduler) s).scheduleOnce(at, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, Duration period, TickMessage<String> message) {
            return ((PekkoTimeScheduler) s).schedulePeriodically(period, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, TaiTime start, Duration period, TickMessage<String> message) {
            return ((PekkoTimeScheduler) s).schedulePeriodically(start, period, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, UtcTime start, Duration period, TickMessage<String> message) {
            return ((PekkoTimeScheduler) s).schedulePeriodically(start, period, probe.ref(), message);
        }

        @Override
        public ScheduledTask onceEachToNullTarget(TimeScheduler s, TaiTime at, TickMessage<String> message) {
            ActorRef<String> none = null;
            return ((PekkoTimeScheduler) s).scheduleOnce(at, none, message);
        }

        @Override
        public ScheduledTask onceToNullTarget(TimeScheduler s, TaiTime at, String message) {
            return ((PekkoTimeScheduler) s).scheduleOnce(at, null, message);
        }

        @Override
        public String receive(Duration max) {
            return probe.receiveMessage(max);
        }

        @Override
        public void expectNoMessage(Duration quiet) {
            probe.expectNoMessage(quiet);
        }
    }
}
