"""NumPy arrays that are not images, through a real VidGear 0.3.5 multi-server peer (Request/Reply, raw frames).

Usage: vidgear_arrays.py --role server|client --port P [--timeout S]
server: sends every array of ARRAYS in order, its message {"kind": name}, printing {"event":"sent","kind":k} (or
        {"event":"failed","kind":k,"error":...}), then says goodbye (close()) and prints {"event":"closed"}.
client: prints {"event":"ready"}, then per frame {"event":"frame","kind":k,"dtype":d,"shape":[...],"values":[...]}
        and {"event":"end"} when every server has said goodbye.
Every process has a watchdog ({"event":"timeout"}) and leaves with os._exit (VidGear's recv() and close() can hang).
"""
import argparse, json, os, sys, threading, time

import numpy as np

# What a server sends besides images: 1-D scores and bytes, a 0-D value, empty arrays, one small image, and two element
# types a .NET frame cannot hold (complex, big-endian). Support/NumPyArrays.cs has the same list.
ARRAYS = [
    ("scores", np.arange(4, dtype=np.float32) * 0.5),
    ("complex", np.zeros(4, dtype=np.complex64)),
    ("bytes", np.arange(16, dtype=np.uint8)),
    ("value", np.array(2.5, dtype=np.float64)),
    ("bigendian", np.arange(3, dtype=">u2")),
    ("empty", np.zeros((0, 4, 3), dtype=np.uint8)),
    ("empty1d", np.zeros(0, dtype=np.float32)),
    ("image", np.arange(24, dtype=np.uint8).reshape(2, 4, 3)),
]


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--role", required=True)
    ap.add_argument("--port", required=True)
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    watchdog = threading.Timer(a.timeout, lambda: (out({"event": "timeout"}), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()
    from vidgear.gears import NetGear
    if a.role == "server":
        server = NetGear(address="127.0.0.1", port=a.port, protocol="tcp", pattern=1, receive_mode=False,
                         logging=False, multiserver_mode=True, jpeg_compression=False)
        for kind, array in ARRAYS:
            try:
                server.send(array, message={"kind": kind})
                out({"event": "sent", "kind": kind})
            except Exception as e:  # noqa: BLE001 - reported to the test
                out({"event": "failed", "kind": kind, "error": str(e)})
        closer = threading.Thread(target=server.close, daemon=True)
        closer.start()
        closer.join(10)
        out({"event": "closed"})
        os._exit(0)
    client = NetGear(address="127.0.0.1", port=[a.port], protocol="tcp", pattern=1, receive_mode=True,
                     logging=False, multiserver_mode=True, jpeg_compression=False)
    out({"event": "ready"})

    def receive():
        while True:
            data = client.recv()
            if data is None:
                out({"event": "end"})
                os._exit(0)
            port, message, frame = data if len(data) == 3 else (data[0], None, data[1])
            out({"event": "frame", "kind": (message or {}).get("kind"), "dtype": str(frame.dtype),
                 "shape": list(frame.shape), "values": frame.ravel().tolist()})

    threading.Thread(target=receive, daemon=True).start()
    time.sleep(a.timeout + 1)


if __name__ == "__main__":
    main()
