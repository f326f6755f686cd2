/*
 * obstime drill helper: sets the clock and the kernel's leap-second state INSIDE THE QEMU GUEST ONLY.
 *
 * Safety: before anything else, main() reads /proc/cmdline and refuses (exit 3, message on stderr) unless the kernel
 * command line carries the marker obstime.drill.guest=1, which only run-drills.sh puts on the guest's command line.
 * `--check-guard` runs that check alone and exits (0 = guest, 3 = refused): it sets nothing, so it is the one way to
 * try the guard on a host. Nothing here runs before the guard.
 *
 * Built static (gcc -static) so that it runs in the guest's busybox initramfs.
 *
 * Commands run in the order given, each printing the resulting state on stdout:
 *   status                 print adjtimex state, status bits, tai, maxerror, and CLOCK_REALTIME/TAI/MONOTONIC
 *   set-utc ISO|@SECONDS   set CLOCK_REALTIME (clock_settime) to 2026-12-31T23:59:50Z or @epoch-seconds[.fraction]
 *   set-tai N              set the kernel's TAI offset (adjtimex ADJ_TAI)
 *   sync | unsync          clear or set STA_UNSYNC (ADJ_STATUS); sync also sets maxerror/esterror to 1 ms
 *   arm ins|del|none       set STA_INS or STA_DEL (or clear both). Set the clock FIRST, then arm: setting the clock
 *                          after arming silently cancels the leap although the status still shows STA_INS.
 *   step NS                step CLOCK_REALTIME (and with it CLOCK_TAI) by NS nanoseconds, either sign (ADJ_SETOFFSET)
 *   pause MS               sleep MS milliseconds (after `arm none`: the kernel leaves TIME_WAIT, the state after a
 *                          leap, for TIME_OK only at a second boundary with STA_INS/STA_DEL clear; until then a new
 *                          STA_INS is ignored)
 *   shm-feed UNIT SECONDS  feed chronyd's SHM reference clock UNIT once a second with this clock (offset 0), for
 *                          SECONDS seconds: a local reference so that chronyd synchronises without a network
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/timex.h>

#ifndef CLOCK_TAI
#define CLOCK_TAI 11
#endif

#define GUARD_MARKER "obstime.drill.guest=1"
#define NS 1000000000LL

/* Returns 1 when /proc/cmdline carries the marker as a whole word. */
static int in_drill_guest(char *why, size_t why_len) {
    FILE *f = fopen("/proc/cmdline", "r");
    if (!f) {
        snprintf(why, why_len, "cannot read /proc/cmdline: %s", strerror(errno));
        return 0;
    }
    char line[4096];
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = '\0';
    for (char *tok = strtok(line, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
        if (strcmp(tok, GUARD_MARKER) == 0) {
            return 1;
        }
    }
    snprintf(why, why_len, "the kernel command line does not carry %s: not the drill guest", GUARD_MARKER);
    return 0;
}

static long long ts_ns(clockid_t id) {
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) {
        return -1;
    }
    return ts.tv_sec * NS + ts.tv_nsec;
}

static const char *state_name(int s) {
    switch (s) {
        case TIME_OK: return "TIME_OK";
        case TIME_INS: return "TIME_INS";
        case TIME_DEL: return "TIME_DEL";
        case TIME_OOP: return "TIME_OOP";
        case TIME_WAIT: return "TIME_WAIT";
        case TIME_ERROR: return "TIME_ERROR";
        default: return "?";
    }
}

static int read_timex(struct timex *tx) {
    memset(tx, 0, sizeof *tx);
    tx->modes = 0;
    int s = adjtimex(tx);
    if (s < 0) {
        perror("adjtimex(read)");
        exit(4);
    }
    return s;
}

static void print_status(const char *after) {
    struct timex tx;
    long long mono1 = ts_ns(CLOCK_MONOTONIC);
    long long real = ts_ns(CLOCK_REALTIME);
    long long tai = ts_ns(CLOCK_TAI);
    long long mono2 = ts_ns(CLOCK_MONOTONIC);
    int s = read_timex(&tx);
    printf("HELPER after=%s state=%d state_name=%s status=0x%x tai=%d maxerror_us=%ld esterror_us=%ld"
           " realtime_ns=%lld clock_tai_ns=%lld monotonic_ns=%lld\n",
           after, s, state_name(s), (unsigned) tx.status, tx.tai, tx.maxerror, tx.esterror, real, tai,
           (mono1 + mono2) / 2);
    fflush(stdout);
}

static void adj(struct timex *tx, const char *what) {
    if (adjtimex(tx) < 0) {
        fprintf(stderr, "drill-helper: adjtimex(%s) failed: %s\n", what, strerror(errno));
        exit(5);
    }
}

static void set_status_bits(int set, int clear, const char *what) {
    struct timex tx;
    read_timex(&tx);
    int status = (tx.status | set) & ~clear;
    memset(&tx, 0, sizeof tx);
    tx.modes = ADJ_STATUS;
    tx.status = status;
    adj(&tx, what);
}

static long long parse_utc_ns(const char *arg) {
    if (arg[0] == '@') {
        char *end;
        double d = strtod(arg + 1, &end);
        if (*end) {
            fprintf(stderr, "drill-helper: bad @seconds: %s\n", arg);
            exit(2);
        }
        long long s = (long long) d;
        return s * NS + (long long) ((d - (double) s) * 1e9 + 0.5);
    }
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    char *end = strptime(arg, "%Y-%m-%dT%H:%M:%S", &tm);
    if (!end || (*end && strcmp(end, "Z") != 0)) {
        fprintf(stderr, "drill-helper: expected YYYY-MM-DDTHH:MM:SSZ, got %s\n", arg);
        exit(2);
    }
    return (long long) timegm(&tm) * NS;
}

/* chrony's SHM reference clock segment (refclock_shm.c, the ntpd SHM driver's layout). */
struct shm_time {
    int mode;
    volatile int count;
    time_t clock_sec;
    int clock_usec;
    time_t receive_sec;
    int receive_usec;
    int leap;
    int precision;
    int nsamples;
    volatile int valid;
    unsigned clock_nsec;
    unsigned receive_nsec;
    int dummy[8];
};

static void shm_feed(int unit, int seconds) {
    int id = shmget(0x4e545030 + unit, sizeof(struct shm_time), IPC_CREAT | 0600);
    if (id < 0) {
        perror("shmget");
        exit(6);
    }
    struct shm_time *shm = shmat(id, NULL, 0);
    if (shm == (void *) -1) {
        perror("shmat");
        exit(6);
    }
    printf("HELPER shm-feed unit=%d seconds=%d\n", unit, seconds);
    fflush(stdout);
    for (int i = 0; i < seconds * 4; i++) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        shm->mode = 1;
        shm->count++;
        shm->valid = 0;
        __sync_synchronize();
        shm->clock_sec = now.tv_sec;
        shm->clock_usec = (int) (now.tv_nsec / 1000);
        shm->clock_nsec = (unsigned) now.tv_nsec;
        shm->receive_sec = now.tv_sec;
        shm->receive_usec = (int) (now.tv_nsec / 1000);
        shm->receive_nsec = (unsigned) now.tv_nsec;
        shm->leap = 0;
        shm->precision = -20;
        shm->nsamples = 0;
        __sync_synchronize();
        shm->count++;
        shm->valid = 1;
        usleep(250000);
    }
    shmdt(shm);
}

int main(int argc, char **argv) {
    char why[256];
    int guest = in_drill_guest(why, sizeof why); /* the guard: first, before any other call */
    if (argc >= 2 && strcmp(argv[1], "--check-guard") == 0) {
        printf("drill-helper guard: %s\n", guest ? "in the drill guest (" GUARD_MARKER ")" : why);
        return guest ? 0 : 3;
    }
    if (!guest) {
        fprintf(stderr, "drill-helper: refusing to run: %s. This program sets clocks; it runs only inside the "
                        "QEMU guest that time-drills/run-drills.sh boots.\n", why);
        return 3;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: drill-helper --check-guard | COMMAND... (see the source's header)\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        const char *cmd = argv[i];
        const char *arg = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(cmd, "status") == 0) {
            print_status("status");
            continue;
        }
        if (strcmp(cmd, "sync") == 0 || strcmp(cmd, "unsync") == 0) {
            int sync = cmd[0] == 's';
            set_status_bits(sync ? 0 : STA_UNSYNC, sync ? STA_UNSYNC : 0, cmd);
            if (sync) {
                struct timex tx;
                memset(&tx, 0, sizeof tx);
                tx.modes = ADJ_MAXERROR | ADJ_ESTERROR;
                tx.maxerror = 1000;
                tx.esterror = 1000;
                adj(&tx, "maxerror");
            }
            print_status(cmd);
            continue;
        }
        if (!arg) {
            fprintf(stderr, "drill-helper: %s needs an argument\n", cmd);
            return 2;
        }
        i++;
        if (strcmp(cmd, "set-utc") == 0) {
            long long ns = parse_utc_ns(arg);
            struct timespec ts = {.tv_sec = ns / NS, .tv_nsec = ns % NS};
            if (clock_settime(CLOCK_REALTIME, &ts) != 0) {
                fprintf(stderr, "drill-helper: clock_settime: %s\n", strerror(errno));
                return 5;
            }
            print_status("set-utc");
        } else if (strcmp(cmd, "set-tai") == 0) {
            struct timex tx;
            memset(&tx, 0, sizeof tx);
            tx.modes = ADJ_TAI;
            tx.constant = atol(arg);
            adj(&tx, "ADJ_TAI");
            print_status("set-tai");
        } else if (strcmp(cmd, "arm") == 0) {
            if (strcmp(arg, "ins") == 0) {
                set_status_bits(STA_INS, STA_DEL, "arm ins");
            } else if (strcmp(arg, "del") == 0) {
                set_status_bits(STA_DEL, STA_INS, "arm del");
            } else if (strcmp(arg, "none") == 0) {
                set_status_bits(0, STA_INS | STA_DEL, "arm none");
            } else {
                fprintf(stderr, "drill-helper: arm ins|del|none, got %s\n", arg);
                return 2;
            }
            print_status("arm");
        } else if (strcmp(cmd, "step") == 0) {
            long long step = atoll(arg);
            struct timex tx;
            memset(&tx, 0, sizeof tx);
            tx.modes = ADJ_SETOFFSET | ADJ_NANO;
            long long sec = step / NS;
            long long nsec = step % NS;
            if (nsec < 0) { /* the kernel wants 0 <= nanoseconds < 1e9 */
                sec -= 1;
                nsec += NS;
            }
            tx.time.tv_sec = sec;
            tx.time.tv_usec = nsec;
            adj(&tx, "ADJ_SETOFFSET");
            print_status("step");
        } else if (strcmp(cmd, "pause") == 0) {
            usleep((useconds_t) (atol(arg) * 1000));
            print_status("pause");
        } else if (strcmp(cmd, "shm-feed") == 0) {
            const char *secs = i + 1 < argc ? argv[++i] : "60";
            shm_feed(atoi(arg), atoi(secs));
        } else {
            fprintf(stderr, "drill-helper: unknown command %s\n", cmd);
            return 2;
        }
    }
    return 0;
}
