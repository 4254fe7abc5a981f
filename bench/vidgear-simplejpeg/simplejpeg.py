"""A stand-in for simplejpeg (not installable here) that does what simplejpeg does: TurboJPEG's tjCompress2 and
tjDecompress2 of the system's libjpeg-turbo (Debian's libturbojpeg0, libturbojpeg.so.0), called through ctypes.

VidGear 0.3.5's NetGear compresses with simplejpeg.encode_jpeg(frame, quality=90, colorspace="BGR",
colorsubsampling="422", fastdct=True) (GRAY: no colorsubsampling, simplejpeg then uses TJSAMP_GRAY) and decodes with
simplejpeg.decode_jpeg(data, colorspace=..., fastdct=True, fastupsample=False). The peer's own stand-in
(../shared/peers/vidgear/shim/simplejpeg.py) runs OpenCV's imencode/imdecode instead: 4:2:0 whatever is asked, and a
decode about 4x slower than tjDecompress2 on the benchmark's frame. The load suite puts this folder first on VidGear's
path (see simplejpeg_first.py), so VidGear's JPEG rows measure the codec VidGear really runs.

As simplejpeg 1.8 (jfolz/simplejpeg, simplejpeg/_jpeg.pyx), not a copy of it:
- encode_jpeg(image, quality=85, colorspace='rgb', colorsubsampling='444', fastdct=False) -> bytes. image: an
  H x W x C uint8 array with C the colour space's pixel size (3 for RGB/BGR, 1 for GRAY, 4 for the X/A/CMYK ones),
  rows C-contiguous (any row pitch); GRAY is always encoded as TJSAMP_GRAY. A new TurboJPEG handle per call, flags
  TJFLAG_FASTDCT when fastdct, the output buffer allocated by TurboJPEG and copied to bytes.
- decode_jpeg(data, colorspace='rgb', fastdct=False, fastupsample=False, min_height=0, min_width=0, min_factor=1,
  buffer=None, strict=True) -> H x W x C uint8 array (C = the pixel size of colorspace: 3 for RGB/BGR, 1 for GRAY,
  4 for RGBX/BGRX/XBGR/XRGB/RGBA/BGRA/ABGR/ARGB/CMYK); TJFLAG_NOREALLOC, plus TJFLAG_FASTDCT and TJFLAG_FASTUPSAMPLE
  as asked; scaled down by TurboJPEG's scaling factors for min_height/min_width/min_factor; into buffer when given;
  strict=False lets a recoverable (warning) error through.
- decode_jpeg_header(data, min_height=0, min_width=0, min_factor=1, strict=True) -> (height, width, colorspace,
  subsampling).
Not here: decoding a CMYK/YCCK JPEG into a non-CMYK colour space (simplejpeg converts it in C; VidGear never makes
one unless it is asked for CMYK, which decodes as CMYK), the roi argument of later simplejpeg versions, is_jpeg and
encode_jpeg_yuv_planes. ctypes releases the GIL around each TurboJPEG call, as simplejpeg's nogil blocks do.
"""
import ctypes
import ctypes.util

import numpy as np

__version__ = "1.8.2"  # the simplejpeg whose calls this follows (VidGear asks for 1.6.1 or later)

_TJFLAG_FASTUPSAMPLE = 256
_TJFLAG_NOREALLOC = 1024
_TJFLAG_FASTDCT = 2048
_TJERR_FATAL = 1

# TurboJPEG's pixel formats (TJPF_*) in order, with their sizes (tjPixelSize).
_PIXEL_NAMES = ["RGB", "BGR", "RGBX", "BGRX", "XBGR", "XRGB", "Gray", "RGBA", "BGRA", "ABGR", "ARGB", "CMYK"]
_PIXEL_SIZE = [3, 3, 4, 4, 4, 4, 1, 4, 4, 4, 4, 4]
_TJPF_GRAY = 6
_TJPF_CMYK = 11
# TJSAMP_* and TJCS_* in order; TJ_NUMSAMP (6) is "unknown".
_SAMP_NAMES = ["444", "422", "420", "Gray", "440", "411"]
_TJSAMP_GRAY = 3
_CS_NAMES = ["RGB", "YCbCr", "Gray", "CMYK", "YCCK"]
_TJCS_CMYK, _TJCS_YCCK = 3, 4


def _names(names):
    # simplejpeg accepts each name as written, lower-case or upper-case, and nothing else (a KeyError otherwise).
    table = {}
    for i, name in enumerate(names):
        table[name] = table[name.lower()] = table[name.upper()] = i
    return table


PIXELFORMATS = _names(_PIXEL_NAMES)
SUBSAMPLING = _names(_SAMP_NAMES)


class _ScalingFactor(ctypes.Structure):
    _fields_ = [("num", ctypes.c_int), ("denom", ctypes.c_int)]


def _load():
    for name in ("libturbojpeg.so.0", ctypes.util.find_library("turbojpeg")):
        if not name:
            continue
        try:
            return ctypes.CDLL(name)  # CDLL: the GIL is released during every call
        except OSError:
            continue
    raise ImportError("simplejpeg stand-in: libturbojpeg (Debian package libturbojpeg0) is not installed")


_tj = _load()
_h, _p, _i, _ul = ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong
_ip = ctypes.POINTER(ctypes.c_int)
for _name, _res, _args in [
    ("tjInitCompress", _h, []),
    ("tjInitDecompress", _h, []),
    ("tjDestroy", _i, [_h]),
    ("tjFree", None, [_p]),
    ("tjGetErrorStr2", ctypes.c_char_p, [_h]),
    ("tjGetErrorCode", _i, [_h]),
    ("tjGetScalingFactors", ctypes.POINTER(_ScalingFactor), [_ip]),
    ("tjCompress2", _i, [_h, _p, _i, _i, _i, _i, ctypes.POINTER(_p), ctypes.POINTER(_ul), _i, _i, _i]),
    ("tjDecompressHeader3", _i, [_h, _p, _ul, _ip, _ip, _ip, _ip]),
    ("tjDecompress2", _i, [_h, _p, _ul, _p, _i, _i, _i, _i, _i]),
]:
    _f = getattr(_tj, _name)
    _f.restype, _f.argtypes = _res, _args

_count = ctypes.c_int()
_factors_p = _tj.tjGetScalingFactors(ctypes.byref(_count))
_FACTORS = [(_factors_p[k].num, _factors_p[k].denom) for k in range(_count.value)]


def _error(handle):
    text = _tj.tjGetErrorStr2(handle)
    return text.decode("utf-8", "replace") if text else "unknown JPEG error"


def _scaled(dimension, factor):
    num, denom = factor
    return (dimension * num + denom - 1) // denom  # TJSCALED


def _scale(height, width, min_height, min_width, min_factor):
    # simplejpeg's calc_height_width: the smallest TurboJPEG scaling factor that keeps both minimums, and no smaller
    # than 1/min_factor.
    min_height = min(height, min_height or height)
    min_width = min(width, min_width or width)
    chosen = None
    if min_height > 0 or min_width > 0:
        for factor in reversed(_FACTORS):
            chosen = factor
            if factor[0] == factor[1]:
                break
            if _scaled(width, factor) >= min_width and _scaled(height, factor) >= min_height:
                break
    if chosen is not None and chosen[1] >= min_factor * chosen[0]:
        return _scaled(height, chosen), _scaled(width, chosen)
    return height, width


def _source(data):
    # Any object with the buffer protocol, as simplejpeg's const unsigned char[:]; no copy.
    array = np.frombuffer(data, dtype=np.uint8)
    if array.size == 0:
        raise ValueError("empty JPEG data")
    return array


def _header(decoder, array, strict):
    width, height, subsamp, colorspace = ctypes.c_int(-1), ctypes.c_int(-1), ctypes.c_int(-1), ctypes.c_int(-1)
    code = _tj.tjDecompressHeader3(decoder, array.ctypes.data, array.size, ctypes.byref(width), ctypes.byref(height),
                                   ctypes.byref(subsamp), ctypes.byref(colorspace))
    if code != 0 and (strict or _tj.tjGetErrorCode(decoder) == _TJERR_FATAL):
        raise ValueError(_error(decoder))
    return height.value, width.value, subsamp.value, colorspace.value


def decode_jpeg_header(data, min_height=0, min_width=0, min_factor=1, strict=True):
    """(height, width, colorspace, subsampling) of a JPEG, scaled as decode_jpeg would scale it."""
    array = _source(data)
    decoder = _tj.tjInitDecompress()
    if not decoder:
        raise RuntimeError("could not create JPEG decoder")
    try:
        height, width, subsamp, colorspace = _header(decoder, array, strict)
    finally:
        _tj.tjDestroy(decoder)
    height, width = _scale(height, width, min_height, min_width, min_factor)
    return height, width, _CS_NAMES[colorspace], _SAMP_NAMES[subsamp] if 0 <= subsamp < len(_SAMP_NAMES) else "unknown"


def decode_jpeg(data, colorspace="rgb", fastdct=False, fastupsample=False, min_height=0, min_width=0, min_factor=1,
                buffer=None, strict=True):
    """Decodes a JPEG into an H x W x C uint8 array in colorspace (C: 3 for RGB/BGR, 1 for GRAY, 4 for the rest)."""
    array = _source(data)
    pixel_format = PIXELFORMATS[colorspace]
    decoder = _tj.tjInitDecompress()
    if not decoder:
        raise RuntimeError("could not create JPEG decoder")
    try:
        height, width, _, jpeg_colorspace = _header(decoder, array, True)
        height, width = _scale(height, width, min_height, min_width, min_factor)
        if jpeg_colorspace in (_TJCS_CMYK, _TJCS_YCCK) and pixel_format != _TJPF_CMYK:
            raise NotImplementedError("simplejpeg stand-in: a CMYK/YCCK JPEG decodes only as colorspace 'CMYK' here")
        shape = (height, width, _PIXEL_SIZE[pixel_format])
        if buffer is None:
            out = np.empty(shape, dtype=np.uint8)
        else:
            view = memoryview(buffer)
            if view.readonly or not view.contiguous:
                raise ValueError("buffer object must support buffer interface and must be writable and contiguous")
            if view.nbytes < height * width * shape[2]:
                raise ValueError("%d byte buffer is too small to decode (%d, %d, %d) image" % ((view.nbytes,) + shape))
            out = np.frombuffer(buffer, np.uint8, height * width * shape[2]).reshape(shape)
        flags = _TJFLAG_NOREALLOC
        if fastdct:
            flags |= _TJFLAG_FASTDCT
        if fastupsample:
            flags |= _TJFLAG_FASTUPSAMPLE
        code = _tj.tjDecompress2(decoder, array.ctypes.data, array.size, out.ctypes.data, width, 0, height,
                                 pixel_format, flags)
        if code != 0 and (strict or _tj.tjGetErrorCode(decoder) == _TJERR_FATAL):
            raise ValueError(_error(decoder))
        return out
    finally:
        _tj.tjDestroy(decoder)


def encode_jpeg(image, quality=85, colorspace="rgb", colorsubsampling="444", fastdct=False):
    """Encodes an H x W x C uint8 array (C: the pixel size of colorspace) as JPEG bytes."""
    image = np.asarray(image)
    if image.ndim != 3:
        raise ValueError("Buffer has wrong number of dimensions (expected 3, got %d)" % image.ndim)
    if image.dtype != np.uint8:
        raise ValueError("Buffer dtype mismatch, expected 'const unsigned char' but got '%s'" % image.dtype)
    height, width, channels = image.shape
    if image.strides[0] == 0:
        raise ValueError("broadcasting rows is not supported")
    if image.strides[1] != channels or image.strides[2] not in (0, 1):
        raise ValueError("image must have C contiguous rows, but strides are %r for shape %r" % (image.strides, image.shape))
    pixel_format = PIXELFORMATS[colorspace]
    if _PIXEL_SIZE[pixel_format] != channels:
        raise ValueError("%d channels does not match given colorspace %s" % (channels, colorspace))
    subsampling = _TJSAMP_GRAY if pixel_format == _TJPF_GRAY else SUBSAMPLING[colorsubsampling]
    encoder = _tj.tjInitCompress()
    if not encoder:
        raise RuntimeError("could not create JPEG encoder")
    jpeg, size = ctypes.c_void_p(), ctypes.c_ulong(0)
    try:
        code = _tj.tjCompress2(encoder, image.ctypes.data, width, image.strides[0], height, pixel_format,
                               ctypes.byref(jpeg), ctypes.byref(size), subsampling, int(quality),
                               _TJFLAG_FASTDCT if fastdct else 0)
        if code != 0:
            raise ValueError(_error(encoder))
        return ctypes.string_at(jpeg, size.value)
    finally:
        if jpeg:
            _tj.tjFree(jpeg)
        _tj.tjDestroy(encoder)
