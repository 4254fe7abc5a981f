"""A VidGear 0.3.5 client in bidirectional and/or multi-client mode.

Usage: vg_client.py --mode bi|bi-multiserver|multiclient --pattern 0|1|2 --ports P[,P...]
       [--return JSON | --return-frame N | --return-array scores|complex]
       [--jpeg 0|1] [--frames N] [--timeout S]
Calls recv(return_data=...) with the JSON value (or a 24x32x3 uint8 frame filled with N, or the 1-D float32 array
[0, 0.5, 1, 1.5], or 4 complex64 zeros) and prints one line per
frame: {"event":"frame","port":P|null,"message":M,"types":T,"shape":[...],"first":V} (T: M's Python type names); {"event":"end"} when recv() returns None
or --frames have come. Receives on a daemon thread and leaves with os._exit (VidGear's recv/close can block).
"""
import argparse, json, os, sys, threading, time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytypes import types_of


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", required=True)
    ap.add_argument("--pattern", type=int, default=1)
    ap.add_argument("--ports", required=True)
    ap.add_argument("--return", dest="ret", default=None)
    ap.add_argument("--return-frame", type=int, default=-1)
    ap.add_argument("--return-array", default="")
    ap.add_argument("--jpeg", type=int, default=0)
    ap.add_argument("--frames", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    ports = a.ports.split(",")
    options = {"jpeg_compression": bool(a.jpeg)}
    if a.mode == "bi":
        options["bidirectional_mode"] = True
        port = ports[0]
    elif a.mode == "bi-multiserver":
        options["bidirectional_mode"] = True
        options["multiserver_mode"] = True
        port = ports
    else:
        options["multiclient_mode"] = True
        port = ports[0]
    if a.return_array == "scores":
        return_data = np.arange(4, dtype=np.float32) * 0.5  # coordinates, scores: a 1-D array
    elif a.return_array == "complex":
        return_data = np.zeros(4, dtype=np.complex64)
    elif a.return_frame >= 0:
        return_data = np.full((24, 32, 3), a.return_frame, dtype=np.uint8)
    elif a.ret is not None:
        return_data = json.loads(a.ret)
    else:
        return_data = None
    from vidgear.gears import NetGear
    client = NetGear(address="127.0.0.1", port=port, protocol="tcp", pattern=a.pattern, receive_mode=True,
                     logging=False, **options)
    out({"event": "ready"})

    def receive():
        count = 0
        while True:
            item = client.recv(return_data=return_data)
            if item is None:
                break
            p, message, frame = None, None, item
            if isinstance(item, tuple):
                if len(item) == 3:
                    p, message, frame = item
                elif a.mode == "bi-multiserver":
                    p, frame = item
                else:
                    message, frame = item
            out({"event": "frame", "port": p, "message": message, "types": types_of(message), "shape": list(frame.shape),
                 "first": int(frame.flat[0])})
            count += 1
            if a.frames and count >= a.frames:
                break
        out({"event": "end"})
        sys.stdout.flush()
        os._exit(0)

    threading.Thread(target=receive, daemon=True).start()
    time.sleep(a.timeout)
    out({"event": "timeout"})
    os._exit(3)


if __name__ == "__main__":
    main()
