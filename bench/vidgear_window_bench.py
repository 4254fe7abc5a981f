#!/usr/bin/env python3
"""VidGear 0.3.5's NetGear multi-server mode measured over the same window as NetGearSharp's bench: the VidGear side of
every row of the load suite.

The workload of ../shared/peers/vidgear/examples/bench_multiserver.py (VidGear's own bench): the 640x480 fruits.jpg
frame, the message {"t": send time in s, "n": sequence}, one process per server, all released by one event 1 s after
they start, one multi-server client receiving on a daemon thread; the same NetGear calls. What differs:
- The window, as ours (src/NetGearSharp.Bench/BenchRunner.cs): measured from the moment every server has delivered a
  frame plus WARMUP seconds (2), for SECONDS; frames/s = frames received in the window / its length; latency = the
  arrival time (time.time() right after recv() returns) minus the message's "t", as VidGear's bench defines it; p50
  and p99 by nearest rank (sorted[ceil(q*n)-1]), as ours. Servers send until the window has ended.
- Drops: per server, from the "n" of the frames received in the window, sent = last n - first n + 1 and dropped =
  sent - received (a Publish/Subscribe server of VidGear's drops at its high-water mark of 1; ours waits).
- Paced rows (RATE > 0): server i sends at offset_i + k/RATE (Unix time), offset_i a fixed phase from a seed and its
  index, the rule of our servers (src/NetGearSharp.Bench/PacedSchedule.cs: see slots() below), instead of all servers
  at once.
- Also printed: VidGear's bench's own figures for the same run (whole_*: frames from the first received to the last,
  no warm-up, p50 = lat[n//2], p99 = lat[int(0.99n)]), as a cross-check.
Usage: vidgear_window_bench.py PATTERN(1|2) NSERVERS SECONDS JPEG(0|1) [RATE [WARMUP]]   (ports PORT_BASE.., default 7000)
Run it as ../shared/peers/vidgear/python bench/vidgear-simplejpeg/run.py bench/vidgear_window_bench.py ... (the
simplejpeg of libjpeg-turbo's TurboJPEG, as VidGear really runs; the load suite does). Prints one line, VidGear's
bench's format first:
vidgear pattern=P servers=N jpeg=J frames=F fps=R lat_p50_ms=A lat_p99_ms=B per_port=[...] window_s=W sent=S
dropped=D whole_frames=F whole_fps=R whole_p50_ms=A whole_p99_ms=B whole_per_port=[...] rate=RATE simplejpeg=PATH
"""
import math, os, sys, threading, time, multiprocessing as mp
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PHASE_SEED = 20261207  # PacedSchedule.Seed
MASK = (1 << 64) - 1


def phase(index):
    """Server index's phase, a fraction of a period in [0, 1): SplitMix64 of PHASE_SEED + index, its top 53 bits."""
    z = (PHASE_SEED + index + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return (z >> 11) / float(1 << 53)


def slots(index, rate, stop_at):
    """Yields the instants to send at, waiting for each: PacedSchedule's rule (first slot not yet passed; after a send
    the next slot, or the latest passed one at once when the next has passed too; missed slots are skipped)."""
    period = 1.0 / rate
    offset = phase(index) * period
    k = math.ceil((time.time() - offset) / period)
    while True:
        due = offset + k * period
        if due >= stop_at.value:
            return
        now = time.time()
        if due > now:
            time.sleep(due - now)
        yield
        k = max(k + 1, math.floor((time.time() - offset) / period))


def fruits():
    import cv2
    for path in (os.path.join(HERE, "..", "..", "shared", "media", "fruits.jpg"),
                 os.path.join(os.path.dirname(sys.modules["vidgear"].__file__), "..", "..", "..", "media", "fruits.jpg")):
        img = cv2.imread(path)
        if img is not None:
            return np.ascontiguousarray(cv2.resize(img, (640, 480)))  # as VidGear's bench
    raise SystemExit("fruits.jpg not found")


def server(index, port, pattern, jpeg, rate, ready, stop_at):
    from vidgear.gears import NetGear
    s = NetGear(address="127.0.0.1", port=str(port), protocol="tcp", pattern=pattern, receive_mode=False,
                logging=False, multiserver_mode=True, jpeg_compression=bool(jpeg))
    frame = fruits()
    ready.wait()
    n = 0
    if rate > 0:
        for _ in slots(index, rate, stop_at):
            s.send(frame, message={"t": time.time(), "n": n})
            n += 1
    else:
        while time.time() < stop_at.value:  # VidGear's bench: while time.time() < end
            s.send(frame, message={"t": time.time(), "n": n})
            n += 1
    s.close()


def nearest_rank(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, max(0, math.ceil(q * len(sorted_values)) - 1))]


def ms(value):
    return f"{value * 1e3:.2f}" if value == value else "nan"


def main():
    pattern, nserv = int(sys.argv[1]), int(sys.argv[2])
    seconds = float(sys.argv[3])
    jpeg = sys.argv[4] == "1"
    rate = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    warmup = float(sys.argv[6]) if len(sys.argv) > 6 else 2.0
    from vidgear.gears import NetGear
    import simplejpeg
    ports = [int(os.environ.get("PORT_BASE", "7000")) + i for i in range(nserv)]
    client = NetGear(address="127.0.0.1", port=ports, protocol="tcp", pattern=pattern, receive_mode=True,
                     logging=False, multiserver_mode=True, jpeg_compression=bool(jpeg))
    ready = mp.Event()
    stop_at = mp.RawValue("d", math.inf)  # the servers send until then: the window's end
    procs = [mp.Process(target=server, args=(i, p, pattern, jpeg, rate, ready, stop_at)) for i, p in enumerate(ports)]
    for p in procs:
        p.start()
    time.sleep(1.0)
    ready.set()
    arrivals, seen = [], set()

    def receive():
        # VidGear's recv() can block for ever once the servers are gone (PUB/SUB): a daemon thread.
        while True:
            data = client.recv()
            if data is None:
                return
            port, msg, frame = data if len(data) == 3 else (data[0], None, data[1])
            now = time.time()
            arrivals.append((now, port, msg))
            if port not in seen:
                seen.add(port)

    def stop_servers():
        # They stop sending and say goodbye; one whose close() hangs past end_by is killed, so none outlives the bench.
        for p in procs:
            p.join(max(0.1, end_by - time.time()))
        for p in procs:
            if p.is_alive():
                p.kill()

    def leave(code, text=None):
        stop_at.value = 0.0
        if text:
            print(text, file=sys.stderr, flush=True)
        stop_servers()
        os._exit(code)  # VidGear's close() may hang

    threading.Thread(target=receive, daemon=True).start()
    limit = 30 + 0.25 * nserv  # as ours: every server's first frame within 30 s + 0.25 s per server
    end_by = time.time() + limit + warmup + seconds + 20
    waited = time.time()
    while len(seen) < nserv:
        if time.time() - waited > limit:
            leave(1, f"vidgear_window_bench: only {len(seen)} of {nserv} servers delivered a frame within {limit:.0f} s")
        time.sleep(0.05)
    time.sleep(warmup)
    start = time.time()
    time.sleep(seconds)
    end = time.time()
    stop_at.value = end
    stop_servers()
    time.sleep(1.0)  # as VidGear's bench: the last frames on their way
    every = list(arrivals)

    window = [a for a in every if start <= a[0] < end]
    lat = sorted(now - msg["t"] for now, _, msg in window if msg)
    counts = {str(p): 0 for p in ports}
    first, last = {}, {}
    for _, port, msg in window:
        key = str(port)
        counts[key] += 1
        if msg:
            first.setdefault(key, msg["n"])
            last[key] = msg["n"]
    sent = sum(last[k] - first[k] + 1 for k in last)
    dropped = sum(last[k] - first[k] + 1 - counts[k] for k in last)

    # VidGear's bench's own figures of the same run: first to last frame, lat[n//2] and lat[int(0.99n)].
    whole = sorted(now - msg["t"] for now, _, msg in every if msg)
    whole_counts = {}
    for _, port, _ in every:
        whole_counts[port] = whole_counts.get(port, 0) + 1
    span = every[-1][0] - every[0][0] if every else 0
    nan = float("nan")
    print(f"vidgear pattern={pattern} servers={nserv} jpeg={int(jpeg)} frames={len(window)} "
          f"fps={len(window) / (end - start):.0f} lat_p50_ms={ms(nearest_rank(lat, 0.5) if lat else nan)} "
          f"lat_p99_ms={ms(nearest_rank(lat, 0.99) if lat else nan)} per_port={sorted(counts.values())} "
          f"window_s={end - start:.3f} sent={sent} dropped={dropped} whole_frames={len(every)} "
          f"whole_fps={len(every) / span if span else 0:.0f} whole_p50_ms={ms(whole[len(whole) // 2] if whole else nan)} "
          f"whole_p99_ms={ms(whole[int(len(whole) * 0.99)] if whole else nan)} "
          f"whole_per_port={sorted(whole_counts.values())} rate={rate:g} simplejpeg={simplejpeg.__file__}", flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
