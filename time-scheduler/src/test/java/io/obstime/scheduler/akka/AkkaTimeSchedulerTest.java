package io.obstime.scheduler.akka;

import akka.actor.typed.ActorRef;
import akka.actor.CoordinatedShutdown;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.typesafe.config.ConfigFactory;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TickMessage;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.actor.ActorFaceContract;
import java.time.Duration;

/** {@link ActorFaceContract} on Akka Typed 2.6, with Akka's ActorTestKit. */
class AkkaTimeSchedulerTest extends ActorFaceContract {

    @Override
    protected Runtime start(String hocon) {
        ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString(hocon));
        return new Runtime() {
            @Override
            public TimeScheduler create() {
                return AkkaTimeScheduler.create(testKit.system());
            }

            @Override
            public TimeScheduler create(TimeSource timeSource) {
                return AkkaTimeScheduler.create(testKit.system(), timeSource);
            }

            @Override
            public TimeScheduler createWithNullSystem() {
                return AkkaTimeScheduler.create(null);
            }

            @Override
            public TimeScheduler get() {
                return AkkaTimeScheduler.get(testKit.system());
            }

            @Override
            public TimeScheduler getWithNullSystem() {
                return AkkaTimeScheduler.get(null);
            }

            @Override
            public Probe probe() {
                return new AkkaProbe(testKit.createTestProbe());
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
        return "akka";
    }

    private record AkkaProbe(TestProbe<String> probe) implements Probe {
        @Override
        public ScheduledTask once(TimeScheduler s, TaiTime at, String message) {
            return ((AkkaTimeScheduler) s).scheduleOnce(at, probe.ref(), message);
        }

        @Override
        public ScheduledTask once(TimeScheduler s, UtcTime at, String message) {
            return ((AkkaTimeScheduler) s).scheduleOnce(at, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, Duration period, String message) {
            return ((AkkaTimeScheduler) s).schedulePeriodically(period, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, TaiTime start, Duration period, String message) {
            return ((AkkaTimeScheduler) s).schedulePeriodically(start, period, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, UtcTime start, Duration period, String message) {
            return ((AkkaTimeScheduler) s).schedulePeriodically(start, period, probe.ref(), message);
        }

        @Override
        public ScheduledTask once(TimeScheduler s, TaiTime at, TickMessage<String> message) {
            return ((AkkaTimeScheduler) s).scheduleOnce(at, probe.ref(), message);
        }

        @Override
        public ScheduledTask once(TimeScheduler s, UtcTime at, TickMessage<String> message) {
            return ((AkkaTimeScheduler) s).scheduleOnce(at, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, Duration period, TickMessage<String> message) {
            return ((AkkaTimeScheduler) s).schedulePeriodically(period, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, TaiTime start, Duration period, TickMessage<String> message) {
            return ((AkkaTimeScheduler) s).schedulePeriodically(start, period, probe.ref(), message);
        }

        @Override
        public ScheduledTask every(TimeScheduler s, UtcTime start, Duration period, TickMessage<String> message) {
            return ((AkkaTimeScheduler) s).schedulePeriodically(start, period, probe.ref(), message);
        }

        @Override
        public ScheduledTask onceEachToNullTarget(TimeScheduler s, TaiTime at, TickMessage<String> message) {
            ActorRef<String> none = null;
            return ((AkkaTimeScheduler) s).scheduleOnce(at, none, message);
        }

        @Override
        public ScheduledTask onceToNullTarget(TimeScheduler s, TaiTime at, String message) {
            return ((AkkaTimeScheduler) s).scheduleOnce(at, null, message);
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
