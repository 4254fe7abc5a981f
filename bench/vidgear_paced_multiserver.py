#!/usr/bin/env python3
"""VidGear NetGear multi-server mode at a fixed rate per server: the paced rows of the load suite.

The same workload as ../shared/peers/vidgear/examples/bench_multiserver.py (the 640x480 fruits.jpg frame, message
{"t": send time in s, "n": sequence}, one process per server, one multi-server client), except that every server
sends at most RATE frames per second, so that latency compares like for like with NetGearSharp at the same load.
Usage: vidgear_paced_multiserver.py PATTERN(1|2) NSERVERS SECONDS JPEG(0|1) RATE   (ports PORT_BASE.., default 7000)
Run it with ../shared/peers/vidgear/python (after its setup). Prints one line in the same format as VidGear's bench:
vidgear pattern=P servers=N jpeg=J frames=F fps=R lat_p50_ms=A lat_p99_ms=B per_port=[...] rate=RATE
"""
import os, sys, threading, time, multiprocessing as mp
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def server(port, pattern, duration, jpeg, rate, ready):
    from vidgear.gears import NetGear
    import cv2
    s = NetGear(address="127.0.0.1", port=str(port), protocol="tcp", pattern=pattern, receive_mode=False,
                logging=False, multiserver_mode=True, jpeg_compression=bool(jpeg))
    img = cv2.imread(os.path.join(HERE, "..", "..", "shared", "media", "fruits.jpg"))
    frame = np.ascontiguousarray(cv2.resize(img, (640, 480)))
    ready.wait()
    start = time.time()
    end = start + duration
    n = 0
    while True:
        due = start + n / rate
        now = time.time()
        if due >= end:
            break
        if due > now:
            time.sleep(due - now)
        s.send(frame, message={"t": time.time(), "n": n})
        n += 1
    s.close()


def main():
    pattern, nserv = int(sys.argv[1]), int(sys.argv[2])
    duration = float(sys.argv[3])
    jpeg = sys.argv[4] == "1"
    rate = float(sys.argv[5])
    from vidgear.gears import NetGear
    ports = [int(os.environ.get("PORT_BASE", "7000")) + i for i in range(nserv)]
    client = NetGear(address="127.0.0.1", port=ports, protocol="tcp", pattern=pattern, receive_mode=True,
                     logging=False, multiserver_mode=True, jpeg_compression=bool(jpeg))
    ready = mp.Event()
    procs = [mp.Process(target=server, args=(p, pattern, duration, jpeg, rate, ready)) for p in ports]
    for p in procs:
        p.start()
    time.sleep(1.0)
    ready.set()
    lat, counts, span = [], {}, [None, None]

    def receive():
        # VidGear's recv() can block for ever once the servers are gone (PUB/SUB): a daemon thread.
        while True:
            data = client.recv()
            if data is None:
                return
            port, msg, frame = data if len(data) == 3 else (data[0], None, data[1])
            now = time.time()
            if span[0] is None:
                span[0] = now
            span[1] = now
            counts[port] = counts.get(port, 0) + 1
            if msg:
                lat.append(now - msg["t"])

    threading.Thread(target=receive, daemon=True).start()
    for p in procs:
        p.join(duration + 20)
    time.sleep(1.0)
    total = sum(counts.values())
    elapsed = (span[1] - span[0]) if span[0] else 0
    lat.sort()
    p50 = lat[len(lat) // 2] * 1e3 if lat else float("nan")
    p99 = lat[int(len(lat) * 0.99)] * 1e3 if lat else float("nan")
    print(f"vidgear pattern={pattern} servers={nserv} jpeg={int(jpeg)} frames={total} fps={total / elapsed if elapsed else 0:.0f} "
          f"lat_p50_ms={p50:.2f} lat_p99_ms={p99:.2f} per_port={sorted(counts.values())} rate={rate:g}", flush=True)
    os._exit(0)  # VidGear's close() may hang


if __name__ == "__main__":
    main()
