package io.obstime.bench.soak;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap in use after each garbage collection, from the {@link GarbageCollectorMXBean}s' notifications (HotSpot's
 * {@link GarbageCollectionNotificationInfo}): the sum over the heap pools of their use after the collection. The
 * listener runs on the JMX notification thread, never on the timer thread.
 */
final class HeapAfterGc implements NotificationListener, AutoCloseable {

    /**
     * One collection.
     *
     * @param uptimeMillis JVM uptime at the collection's end
     * @param collector the collector's name (e.g. "G1 Young Generation")
     * @param cause its cause (e.g. "G1 Evacuation Pause", "System.gc()")
     * @param heapAfterBytes heap in use after it
     */
    record Sample(long uptimeMillis, String collector, String cause, long heapAfterBytes) {
    }

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();

    HeapAfterGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
        if (emitters.isEmpty()) {
            throw new IllegalStateException("no GarbageCollectorMXBean emits notifications in this JVM");
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                after += e.getValue().getUsed();
            }
        }
        synchronized (samples) {
            samples.add(new Sample(info.getGcInfo().getEndTime(), info.getGcName(), info.getGcCause(), after));
        }
    }

    /** @return the collections seen so far, in order */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // added in the constructor: cannot happen
                throw new IllegalStateException(e);
            }
        }
    }
}
