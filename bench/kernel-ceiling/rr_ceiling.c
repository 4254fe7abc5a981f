// The kernel's ceiling for the Request/Reply raw rows: what loopback TCP alone can move on this machine when no
// messaging stack runs above it. N sender processes each write a 921,600-byte frame (the bench's 640x480x3) from one
// buffer they keep, then wait for a 1-byte answer; one receiving process (T threads, each with its own epoll over a
// share of the connections) reads every frame into a buffer kept per connection and answers when the frame is
// whole. Nothing else happens: no framing, no message, no queue, no allocation per frame, no wake-up of another
// thread. Any stack (ours, VidGear) adds to this; it cannot go below it.
//
//   bench/kernel-ceiling/run SERVERS [SECONDS] [RECEIVE_THREADS] [WARMUP_SECONDS]   (compiles, then runs)
//   cc -O2 -o rr_ceiling rr_ceiling.c -lpthread && ./rr_ceiling SERVERS SECONDS [RECEIVE_THREADS] [WARMUP_SECONDS]
// Prints one JSON line: {"servers":N,"threads":T,"seconds":S,"frames":F,"fps":...}
// Experiments (environment; docs/performance.md, twenty-second session):
//   RR_POOL_FRAMES=K   frames are read into K buffers in turn instead of one per connection (a larger working set)
//   RR_SRC_OFFSET=B    each sender's frame starts B bytes into a page (default 16)
//   RR_SEND=poll       senders write as libzmq's I/O thread does: an 8 KB batch first, then the rest, non-blocking,
//                      waiting for room with poll
//   RR_HANDOFF=1|2     whole frames are answered by another thread (1), or handed there and back before the answer (2)
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FRAME 921600
#define MAXCONN 1024
#define MAXTHREADS 64

static int conns[MAXCONN];
static char *buffers[MAXCONN];
static size_t got[MAXCONN];
static int nconn, nthreads;
static atomic_long frames;
static atomic_int stop;
/* RR_HANDOFF=1 (experiment): a receiving thread hands each whole frame to one answering thread through a pipe (a
   wake-up, as libzmq's I/O thread hands a message to the application's thread) and that thread answers;
   RR_HANDOFF=2: the answering thread hands the answer back through the receiving thread's own pipe, and the
   receiving thread sends it (two wake-ups a frame, as libzmq's reply goes back through its I/O thread). */
static int handoff;
static int to_answerer[2];
static int back_to[MAXTHREADS][2];
/* RR_POOL_FRAMES=K (experiment): each frame is read into the next of K buffers in turn, as a stack that keeps K frames alive would. */
static char **pool;
static int pool_size;
static atomic_long pool_next;

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

static void sender(int port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) die("connect");
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const char *o = getenv("RR_SRC_OFFSET"); /* experiment: the frame starts this many bytes into a page */
    char *base = aligned_alloc(4096, FRAME + 8192);
    char *frame = base + (o ? atoi(o) : 16);
    for (size_t i = 0; i < FRAME; i++) frame[i] = (char)(i * 7);
    /* RR_SEND=poll (experiment): as libzmq's I/O thread writes, non-blocking sends of an 8 KB batch and then the rest,
       waiting for room with poll. */
    const char *mode = getenv("RR_SEND");
    int polling = mode && strcmp(mode, "poll") == 0;
    for (;;)
    {
        for (size_t off = 0; off < FRAME;)
        {
            size_t want = polling && off < 8192 ? 8192 - off : FRAME - off;
            ssize_t n = send(s, frame + off, want, polling ? MSG_DONTWAIT : 0);
            if (n < 0 && polling && errno == EAGAIN)
            {
                struct pollfd p = {.fd = s, .events = POLLOUT};
                poll(&p, 1, -1);
                continue;
            }
            if (n <= 0) _exit(0);
            off += (size_t)n;
        }
        char answer;
        if (recv(s, &answer, 1, 0) != 1) _exit(0);
    }
}

static void *receiver(void *arg)
{
    int index = (int)(long)arg;
    int ep = epoll_create1(0);
    for (int c = index; c < nconn; c += nthreads)
    {
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)c};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, conns[c], &ev) != 0) die("epoll_ctl");
    }
    if (handoff == 2)
    {
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, back_to[index][0], &ev) != 0) die("epoll_ctl pipe");
    }
    struct epoll_event events[64];
    while (!atomic_load(&stop))
    {
        int n = epoll_wait(ep, events, 64, 100);
        for (int i = 0; i < n; i++)
        {
            if (events[i].data.u32 == UINT32_MAX)
            {
                int c;
                while (read(back_to[index][0], &c, sizeof c) == sizeof c)
                {
                    char answer = 1;
                    if (send(conns[c], &answer, 1, 0) != 1 && !atomic_load(&stop)) die("send answer");
                }
                continue;
            }
            int c = (int)events[i].data.u32;
            ssize_t r = recv(conns[c], buffers[c] + got[c], FRAME - got[c], MSG_DONTWAIT);
            if (r <= 0) continue;
            got[c] += (size_t)r;
            if (got[c] == FRAME)
            {
                got[c] = 0;
                if (pool_size > 0) buffers[c] = pool[atomic_fetch_add(&pool_next, 1) % pool_size];
                atomic_fetch_add(&frames, 1);
                if (handoff)
                {
                    int msg[2] = {c, index};
                    if (write(to_answerer[1], msg, sizeof msg) != sizeof msg) die("hand off");
                    continue;
                }
                char answer = 1;
                if (send(conns[c], &answer, 1, 0) != 1 && !atomic_load(&stop)) die("send answer");
            }
        }
    }
    return NULL;
}

static void *answerer(void *arg)
{
    (void)arg;
    int msg[2];
    while (read(to_answerer[0], msg, sizeof msg) == sizeof msg)
    {
        if (handoff == 2)
        {
            if (write(back_to[msg[1]][1], &msg[0], sizeof msg[0]) != sizeof msg[0]) die("hand back");
            continue;
        }
        char answer = 1;
        if (send(conns[msg[0]], &answer, 1, 0) != 1 && !atomic_load(&stop)) die("send answer");
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 3)
    {
        fprintf(stderr, "usage: %s SERVERS SECONDS [RECEIVE_THREADS] [WARMUP_SECONDS]\n", argv[0]);
        return 2;
    }
    nconn = atoi(argv[1]);
    double seconds = atof(argv[2]);
    nthreads = argc > 3 ? atoi(argv[3]) : 1;
    double warmup = argc > 4 ? atof(argv[4]) : 1;
    if (nconn < 1 || nconn > MAXCONN || nthreads < 1 || nthreads > MAXTHREADS || nthreads > nconn || seconds <= 0 || warmup < 0)
    {
        fprintf(stderr, "rr_ceiling: SERVERS %d, SECONDS %g, RECEIVE_THREADS %d, WARMUP_SECONDS %g: SERVERS must be 1-%d, "
                        "RECEIVE_THREADS 1-%d and at most SERVERS, SECONDS above 0, WARMUP_SECONDS 0 or more\n",
                nconn, seconds, nthreads, warmup, MAXCONN, MAXTHREADS);
        return 2;
    }
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (bind(l, (struct sockaddr *)&a, sizeof a) != 0 || listen(l, MAXCONN) != 0 || getsockname(l, (struct sockaddr *)&a, &len) != 0) die("listen");
    int port = ntohs(a.sin_port);
    pid_t pids[MAXCONN];
    for (int i = 0; i < nconn; i++)
    {
        pids[i] = fork();
        if (pids[i] == 0)
        {
            close(l);
            sender(port);
        }
    }
    for (int i = 0; i < nconn; i++)
    {
        conns[i] = accept(l, NULL, NULL);
        if (conns[i] < 0) die("accept");
        int one = 1;
        setsockopt(conns[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        buffers[i] = malloc(FRAME);
        memset(buffers[i], 0, FRAME);
    }
    const char *k = getenv("RR_POOL_FRAMES");
    pool_size = k ? atoi(k) : 0;
    if (pool_size > 0)
    {
        pool = malloc(sizeof(char *) * (size_t)pool_size);
        for (int i = 0; i < pool_size; i++)
        {
            pool[i] = malloc(FRAME);
            memset(pool[i], 0, FRAME);
        }
    }
    const char *h = getenv("RR_HANDOFF");
    handoff = h ? atoi(h) : 0;
    pthread_t answer_thread;
    if (handoff)
    {
        if (pipe(to_answerer) != 0) die("pipe");
        for (int t = 0; t < nthreads; t++)
            if (pipe2(back_to[t], O_NONBLOCK) != 0) die("pipe");
        pthread_create(&answer_thread, NULL, answerer, NULL);
    }
    pthread_t threads[MAXTHREADS];
    for (int t = 0; t < nthreads; t++) pthread_create(&threads[t], NULL, receiver, (void *)(long)t);
    usleep((useconds_t)(warmup * 1e6));
    long start = atomic_load(&frames);
    double t0 = now();
    usleep((useconds_t)(seconds * 1e6));
    long count = atomic_load(&frames) - start;
    double elapsed = now() - t0;
    atomic_store(&stop, 1);
    for (int t = 0; t < nthreads; t++) pthread_join(threads[t], NULL);
    for (int i = 0; i < nconn; i++) close(conns[i]);
    for (int i = 0; i < nconn; i++)
    {
        kill(pids[i], SIGTERM);
        waitpid(pids[i], NULL, 0);
    }
    printf("{\"servers\":%d,\"threads\":%d,\"seconds\":%.2f,\"frames\":%ld,\"fps\":%.1f}\n", nconn, nthreads, elapsed, count, count / elapsed);
    return 0;
}
