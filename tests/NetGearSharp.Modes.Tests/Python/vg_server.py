"""A VidGear 0.3.5 server in bidirectional and/or multi-client mode (one process, as people run it).

Usage: vg_server.py --mode bi|bi-multiserver|multiclient --pattern 0|1|2 --ports P[,P...] --frames N
       [--jpeg 0|1] [--fps F] [--delay S] [--timeout S]
Frame n is a 48x64x3 uint8 array filled with n; its message is {"n": n}.
Prints {"event":"ready"}, then per send {"event":"sent","n":n,"result":R} where R describes send()'s return value:
null, {"kind":"value","value":V,"types":T} (T: V's Python type names), {"kind":"frame","shape":[...],"dtype":"uint8","sum":S}, and in multi-client mode
{"port":P, ...} around it; then {"event":"done"} and {"event":"closed"}.
"""
import argparse, json, os, sys, threading, time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytypes import types_of


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def describe(value):
    if value is None:
        return None
    if isinstance(value, np.ndarray):
        return {"kind": "frame", "shape": list(value.shape), "dtype": str(value.dtype), "sum": int(value.astype(np.int64).sum())}
    return {"kind": "value", "value": value, "types": types_of(value)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", required=True)
    ap.add_argument("--pattern", type=int, default=1)
    ap.add_argument("--ports", required=True)
    ap.add_argument("--frames", type=int, required=True)
    ap.add_argument("--jpeg", type=int, default=0)
    ap.add_argument("--fps", type=float, default=0)
    ap.add_argument("--delay", type=float, default=0)
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
        port = ports[0]
    else:
        options["multiclient_mode"] = True
        port = ports
    from vidgear.gears import NetGear
    watchdog = threading.Timer(a.timeout, lambda: (out({"event": "timeout"}), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()
    server = NetGear(address="127.0.0.1", port=port, protocol="tcp", pattern=a.pattern, receive_mode=False,
                     logging=False, **options)
    out({"event": "ready"})
    time.sleep(a.delay)
    start = time.time()
    for n in range(a.frames):
        if a.fps > 0:
            time.sleep(max(0.0, start + n / a.fps - time.time()))
        frame = np.full((48, 64, 3), n % 256, dtype=np.uint8)
        result = server.send(frame, message={"n": n})
        if a.mode == "multiclient" and isinstance(result, tuple):
            described = {"port": result[0], "data": describe(result[1])}
        else:
            described = describe(result)
        out({"event": "sent", "n": n, "result": described})
    if a.pattern == 2:
        # VidGear's Publish/Subscribe close() uses linger 0 and drops what is still queued (the last frame on a loaded
        # machine): give the queue a moment, as a user who wants the last frame delivered would.
        time.sleep(0.5)
    out({"event": "done"})
    closer = threading.Thread(target=server.close, daemon=True)
    closer.start()
    closer.join(10)
    out({"event": "closed"})
    os._exit(0)


if __name__ == "__main__":
    main()
