"""Writes test frame n of a port (frames.py) as a PNG, for `netgear serve --source PNG --loop`.

Usage: make_image.py PATH PORT N H,W,C SMOOTH(0|1)
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from frames import expected
import cv2

path, port, n, shape, smooth = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5] == "1"
ok = cv2.imwrite(path, expected(port, n, tuple(int(v) for v in shape.split(",")), "uint8", smooth))
print('{"event": "written", "ok": %s}' % ("true" if ok else "false"), flush=True)
sys.exit(0 if ok else 1)
