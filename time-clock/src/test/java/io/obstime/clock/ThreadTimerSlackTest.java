package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The public face: per calling thread, nothing else touched. */
class ThreadTimerSlackTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void setsTheCallingThreadOnly() throws InterruptedException {
        long mine = ThreadTimerSlack.currentThreadNanos();
        assertTrue(mine > 0, "this thread's slack: " + mine);
        AtomicLong seen = new AtomicLong();
        AtomicLong set = new AtomicLong();
        Thread t = new Thread(() -> {
            set.set(ThreadTimerSlack.setCurrentThreadNanos(1) ? 1 : 0);
            seen.set(ThreadTimerSlack.currentThreadNanos());
        });
        t.start();
        t.join();
        assertEquals(1, set.get(), "set on a Linux machine with a kernel binding");
        assertEquals(1, seen.get());
        assertEquals(mine, ThreadTimerSlack.currentThreadNanos());
    }

    @Test
    void rejectsSlackBelowOneNanosecond() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThreadTimerSlack.setCurrentThreadNanos(0));
        assertTrue(e.getMessage().contains("slackNanos") && e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThreadTimerSlack.setCurrentThreadNanos(-5));
        assertThrows(IllegalArgumentException.class, () -> ThreadTimerSlack.setCurrentThreadNanos(Long.MIN_VALUE));
    }
}
