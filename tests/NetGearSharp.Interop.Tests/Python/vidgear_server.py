"""A VidGear 0.3.5 multi-server server (one process = one server, as people run it).

Usage: vidgear_server.py --pattern 1|2 --port P --frames N [--jpeg 0|1] [--jpeg-colorspace NAME] [--shape H,W[,C]]
       [--dtype uint8] [--same-channels 0|1] [--messages JSON-ARRAY] [--fps F] [--delay S] [--go-file PATH] [--settle S]
       [--end goodbye|crash] [--timeout S]
Frame n is frames.expected(port, n, ...) (with --same-channels 1, every channel a copy of the first); its message is
messages[n % len] (none when the array is empty). --jpeg-colorspace turns JPEG on in that colour space (VidGear's
jpeg_compression="XRGB" and so on).
Prints {"event":"ready"} once its NetGear exists (then waits for --go-file to exist, if given, and --delay),
{"event":"sent","n":n} after each send() returns and {"event":"done"} before the ending: goodbye is
close() (on a daemon thread, VidGear's close() can hang), crash is SIGKILL of this process.
"""
import argparse, json, os, signal, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frames import expected
import numpy as np


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pattern", type=int, required=True)
    ap.add_argument("--port", required=True)
    ap.add_argument("--frames", type=int, required=True)
    ap.add_argument("--jpeg", type=int, default=0)
    ap.add_argument("--jpeg-colorspace", default="")
    ap.add_argument("--same-channels", type=int, default=0)
    ap.add_argument("--shape", default="48,64,3")
    ap.add_argument("--dtype", default="uint8")
    ap.add_argument("--messages", default="[]")
    ap.add_argument("--fps", type=float, default=0)
    ap.add_argument("--delay", type=float, default=0)
    ap.add_argument("--end", default="goodbye")
    ap.add_argument("--go-file", default="")
    ap.add_argument("--settle", type=float, default=0)
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    shape = tuple(int(v) for v in a.shape.split(","))
    messages = json.loads(a.messages)
    from vidgear.gears import NetGear
    server = NetGear(address="127.0.0.1", port=a.port, protocol="tcp", pattern=a.pattern, receive_mode=False,
                     logging=False, multiserver_mode=True, jpeg_compression=a.jpeg_colorspace or bool(a.jpeg))
    out({"event": "ready"})
    # Nothing may hang for ever: a watchdog ends the process after --timeout.
    watchdog = threading.Timer(a.timeout, lambda: (out({"event": "timeout"}), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()
    while a.go_file and not os.path.exists(a.go_file):
        time.sleep(0.01)
    # A VidGear publisher drops what it sends before the subscription has arrived (its slow joiner): --delay.
    time.sleep(a.delay)
    start = time.time()
    for n in range(a.frames):
        if a.fps > 0:
            time.sleep(max(0.0, start + n / a.fps - time.time()))
        frame = expected(int(a.port), n, shape, a.dtype, bool(a.jpeg or a.jpeg_colorspace))
        if a.same_channels:
            frame = np.ascontiguousarray(np.repeat(frame[:, :, :1], shape[2], axis=2))
        if messages:
            server.send(frame, message=messages[n % len(messages)])
        else:
            server.send(frame)
        out({"event": "sent", "n": n})
    # VidGear's close() closes with linger 0 (and kill -9 keeps nothing): what is still queued, the last frame
    # included, is lost. --settle gives it time to leave first, so a test sees what the receiver does with it.
    time.sleep(a.settle)
    out({"event": "done"})
    if a.end == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    closer = threading.Thread(target=server.close, daemon=True)
    closer.start()
    closer.join(10)
    out({"event": "closed", "inTime": not closer.is_alive()})
    os._exit(0)


if __name__ == "__main__":
    main()
