"""Runs a VidGear script with this folder's simplejpeg (libjpeg-turbo's TurboJPEG, as the real one) instead of the
peer's OpenCV stand-in.

Usage: ../shared/peers/vidgear/python bench/vidgear-simplejpeg/run.py SCRIPT.py [ARGS...]

The peer's launcher sets PYTHONPATH to its own vidgear/ and shim/ folders *ahead of* the caller's PYTHONPATH, so a
folder given in PYTHONPATH comes after shim/ and its simplejpeg would never be imported. A script's own folder comes
first on sys.path, ahead of PYTHONPATH: started as this script, this folder is sys.path[0]. It then imports
simplejpeg (from here; the module stays in sys.modules, so VidGear and every process forked from this one use it) and
runs SCRIPT as __main__ with SCRIPT's folder next on the path, as `python SCRIPT` would. Nothing in the peer folder is
changed. The load suite starts every VidGear process this way.
"""
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: run.py SCRIPT.py [ARGS...]")
    script = os.path.abspath(sys.argv[1])
    sys.path[:] = [HERE, os.path.dirname(script)] + [p for p in sys.path[1:] if os.path.abspath(p or ".") != HERE]
    import simplejpeg
    if os.path.dirname(os.path.abspath(simplejpeg.__file__)) != HERE:
        sys.exit(f"run.py: simplejpeg came from {simplejpeg.__file__}, not {HERE}")
    sys.argv = sys.argv[1:]
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
