// The kernel's floor for the paced rows' latency: what loopback TCP alone takes to carry a frame when the machine is
// mostly idle. N sender processes each write a 921,600-byte frame (the bench's 640x480x3) RATE times a second, from one
// buffer they keep, each starting at a random point of the period (as the bench's servers do), stamped with
// CLOCK_MONOTONIC just before the write; then each waits for a 1-byte answer. One receiving thread reads every
// connection with epoll, and when a frame is whole takes its latency (now - stamp) and answers. No framing, no message,
// no queue, no thread but the one reading: any stack's paced p50 and p99 (ours, VidGear) sit above these.
//
//   bench/kernel-ceiling/run-idle-floor SERVERS [SECONDS] [RATE] [WARMUP_SECONDS]   (compiles, then runs)
//   cc -O2 -o idle_floor idle_floor.c && ./idle_floor SERVERS [SECONDS] [RATE] [WARMUP_SECONDS]
// Defaults: 6 s, 30 frames/s per sender, 1 s of warm-up not counted.
// Prints one JSON line: {"servers":N,"rate":R,"seconds":S,"frames":F,"p50Ms":...,"p90Ms":...,"p99Ms":...,"maxMs":...}
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FRAME 921600
#define MAXCONN 256

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void sleep_until(double when)
{
    double wait = when - now();
    if (wait <= 0) return;
    struct timespec ts = {.tv_sec = (time_t)wait, .tv_nsec = (long)((wait - (time_t)wait) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) { }
}

/* One sender: a frame every 1/rate s from a random phase, each answered before the next; ends when the receiver closes. */
static void sender(const struct sockaddr_in *address, double rate)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0 || connect(s, (const struct sockaddr *)address, sizeof *address) != 0) _exit(1);
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char *base = aligned_alloc(4096, FRAME + 4096);
    if (!base) _exit(1);
    char *frame = base + 16;
    for (size_t i = 0; i < FRAME; i++) frame[i] = (char)(i * 7);
    srand((unsigned)getpid() ^ (unsigned)(now() * 1e6));
    double period = 1 / rate, start = now() + period * (rand() % 1000) / 1000.0;
    for (long k = 0;; k++)
    {
        sleep_until(start + k * period);
        double stamp = now();
        memcpy(frame, &stamp, sizeof stamp);
        for (size_t off = 0; off < FRAME;)
        {
            ssize_t n = send(s, frame + off, FRAME - off, MSG_NOSIGNAL);
            if (n <= 0) _exit(0);
            off += (size_t)n;
        }
        char answer;
        if (recv(s, &answer, 1, 0) != 1) _exit(0);
    }
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int servers = argc > 1 ? atoi(argv[1]) : 0;
    double seconds = argc > 2 ? atof(argv[2]) : 6, rate = argc > 3 ? atof(argv[3]) : 30, warmup = argc > 4 ? atof(argv[4]) : 1;
    if (argc < 2 || argc > 5 || servers < 1 || servers > MAXCONN || !(seconds > 0) || !(rate > 0) || rate > 1000 || !(warmup >= 0))
    {
        fprintf(stderr, "idle_floor: SERVERS %s, SECONDS %s, RATE %s, WARMUP_SECONDS %s: SERVERS must be 1-%d, SECONDS above 0, "
                        "RATE above 0 and at most 1000, WARMUP_SECONDS 0 or more\n",
                argc > 1 ? argv[1] : "(none)", argc > 2 ? argv[2] : "6", argc > 3 ? argv[3] : "30", argc > 4 ? argv[4] : "1", MAXCONN);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof address;
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, MAXCONN) != 0
        || getsockname(listener, (struct sockaddr *)&address, &length) != 0)
        die("listen");
    pid_t children[MAXCONN];
    for (int i = 0; i < servers; i++)
    {
        children[i] = fork();
        if (children[i] < 0) die("fork");
        if (children[i] == 0)
        {
            close(listener);
            sender(&address, rate);
        }
    }

    static int conns[MAXCONN];
    static size_t got[MAXCONN];
    static char *buffers[MAXCONN];
    int ep = epoll_create1(0);
    for (int c = 0; c < servers; c++)
    {
        struct pollfd p = {.fd = listener, .events = POLLIN};
        if (poll(&p, 1, 10000) != 1)
        {
            fprintf(stderr, "idle_floor: only %d of %d senders connected within 10 s\n", c, servers);
            for (int i = 0; i < servers; i++) kill(children[i], SIGKILL);
            for (int i = 0; i < servers; i++) waitpid(children[i], NULL, 0);
            return 1;
        }
        conns[c] = accept(listener, NULL, NULL);
        buffers[c] = malloc(FRAME);
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)c};
        if (conns[c] < 0 || !buffers[c] || epoll_ctl(ep, EPOLL_CTL_ADD, conns[c], &ev) != 0) die("accept");
    }

    size_t capacity = (size_t)(servers * rate * seconds * 1.5) + 16, count = 0;
    double *latencies = malloc(capacity * sizeof *latencies);
    if (!latencies) die("malloc");
    double measure_from = now() + warmup, end = measure_from + seconds;
    struct epoll_event events[64];
    while (now() < end)
    {
        int n = epoll_wait(ep, events, 64, 100);
        for (int i = 0; i < n; i++)
        {
            int c = (int)events[i].data.u32;
            ssize_t r = recv(conns[c], buffers[c] + got[c], FRAME - got[c], MSG_DONTWAIT);
            if (r <= 0) continue;
            got[c] += (size_t)r;
            if (got[c] < FRAME) continue;
            double arrived = now(), stamp;
            memcpy(&stamp, buffers[c], sizeof stamp);
            got[c] = 0;
            char answer = 1;
            if (send(conns[c], &answer, 1, MSG_NOSIGNAL) != 1) die("send answer");
            if (arrived >= measure_from && count < capacity) latencies[count++] = arrived - stamp;
        }
    }
    for (int c = 0; c < servers; c++) close(conns[c]); /* the senders' next write or read fails: they end */
    for (int i = 0; i < servers; i++) waitpid(children[i], NULL, 0);
    if (count == 0)
    {
        fprintf(stderr, "idle_floor: no frame arrived in the %.1f s measured\n", seconds);
        return 1;
    }
    qsort(latencies, count, sizeof *latencies, by_value);
    printf("{\"servers\":%d,\"rate\":%g,\"seconds\":%.2f,\"frames\":%zu,\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f}\n",
           servers, rate, seconds, count, latencies[count / 2] * 1e3, latencies[count * 9 / 10] * 1e3, latencies[count * 99 / 100] * 1e3,
           latencies[count - 1] * 1e3);
    return 0;
}
