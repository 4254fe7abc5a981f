"""The test frames, the same formula as the C# side (Support/TestFrames.cs): frame number n of a server's port."""
import numpy as np


def expected(port, n, shape, dtype, smooth):
    h, w = shape[0], shape[1]
    c = shape[2] if len(shape) > 2 else 1
    y = np.arange(h, dtype=np.int64).reshape(h, 1, 1)
    x = np.arange(w, dtype=np.int64).reshape(1, w, 1)
    ch = np.arange(c, dtype=np.int64).reshape(1, 1, c)
    if smooth:  # for JPEG: gentle gradients, error stays small
        v = 20 + (x * 120) // w + (y * 60) // h + (n % 10) * 3 + port % 7 + ch * 10
    elif np.dtype(dtype).itemsize == 1:
        v = (x * 7 + y * 13 + n * 29 + port + ch * 71) % 256
    else:
        v = (x * 257 + y * 1031 + n * 4099 + port + ch * 7) % 65536
    v = v.astype(dtype)
    return v.reshape(shape)
