"""A VidGear 0.3.5 multi-server client, as people run it; prints one JSON line per event on stdout.

Usage: vidgear_client.py --pattern 1|2 --ports P1,P2 [--jpeg 0|1] [--total N] [--timeout S] [--smooth P1,P2]
       [--image PORT=PATH ...]
Lines: {"event":"ready"} once bound; {"event":"frame", ...} per frame recv() hands over; {"event":"end"} when
recv() returns None (every server said goodbye); {"event":"total"} after --total frames; {"event":"timeout"}.
Each frame line: port (as VidGear hands it), hasMessage (VidGear's 3-tuple), message, dtype, shape, index (per
port), exact and mad (mean absolute difference) against the expected frame (frames.py, smooth for the ports of
--smooth, or the picture of --image for a port).
recv() runs on a daemon thread and the process leaves with os._exit: VidGear's recv() and close() can hang.
"""
import argparse, json, os, sys, threading, time
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frames import expected


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pattern", type=int, required=True)
    ap.add_argument("--ports", required=True)
    ap.add_argument("--jpeg", type=int, default=0)
    ap.add_argument("--total", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--image", action="append", default=[])
    ap.add_argument("--smooth", default="")
    a = ap.parse_args()
    images = {}
    for spec in a.image:
        port, path = spec.split("=", 1)
        import cv2
        images[port] = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    from vidgear.gears import NetGear
    ports = a.ports.split(",")
    smooth = set(a.smooth.split(",")) if a.smooth else set()
    client = NetGear(address="127.0.0.1", port=ports, protocol="tcp", pattern=a.pattern, receive_mode=True,
                     logging=False, multiserver_mode=True, jpeg_compression=bool(a.jpeg))
    out({"event": "ready"})
    counts = {}
    done = threading.Event()

    def receive():
        total = 0
        while True:
            data = client.recv()
            if data is None:
                out({"event": "end"})
                done.set()
                return
            if len(data) == 3:
                port, message, frame = data
                has = True
            else:
                port, frame = data
                message, has = None, False
            key = str(port)
            n = counts.get(key, 0)
            counts[key] = n + 1
            want = images.get(key)
            if want is None:
                want = expected(int(key), n, frame.shape, frame.dtype, key in smooth)
            same_shape = want.shape == frame.shape
            diff = float(np.abs(frame.astype(np.int64) - want.astype(np.int64)).mean()) if same_shape else None
            out({"event": "frame", "port": port, "portIsString": isinstance(port, str), "hasMessage": has,
                 "message": message, "dtype": str(frame.dtype), "shape": list(frame.shape), "index": n,
                 "exact": bool(same_shape and np.array_equal(frame, want)), "mad": diff, "t": time.time()})
            total += 1
            if a.total and total >= a.total:
                out({"event": "total"})
                done.set()
                return

    threading.Thread(target=receive, daemon=True).start()
    if not done.wait(a.timeout):
        out({"event": "timeout", "counts": counts})
        os._exit(3)
    os._exit(0)


if __name__ == "__main__":
    main()
