#!/usr/bin/env python3
"""Writes conv_fixtures.json: convolution and pooling cases computed independently with NumPy.

Convolutions use numpy.lib.stride_tricks.sliding_window_view on an explicitly padded float64 array
and einsum; pooling uses explicit float64 loops following PyTorch's documented output-size and
divisor rules. Inputs are rounded to 3 decimals so the JSON holds them exactly enough.

    python3 conv_fixtures.py      # rewrites conv_fixtures.json next to this script
"""
import json, math, os
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

rng = np.random.default_rng(20240607)


def rand(*shape):
    return np.round(rng.uniform(-1, 1, size=shape), 3)


def conv(x, w, b, stride, pad_before, pad_after, dilation, groups):
    """N-d cross-correlation, x: (N, C, *S), w: (O, C/groups, *K)."""
    nd = x.ndim - 2
    pads = [(0, 0), (0, 0)] + list(zip(pad_before, pad_after))
    xp = np.pad(x, pads)
    k = w.shape[2:]
    span = [d * (kk - 1) + 1 for kk, d in zip(k, dilation)]
    axes = tuple(range(2, 2 + nd))
    win = sliding_window_view(xp, span, axis=axes)          # (N, C, *positions, *span)
    sl = (slice(None), slice(None)) + tuple(slice(None, None, s) for s in stride) \
        + tuple(slice(None, None, d) for d in dilation)
    win = win[sl]                                            # strided positions, dilated taps
    O, cg = w.shape[0], w.shape[1]
    og = O // groups
    outs = []
    for g in range(groups):
        xg = win[:, g * cg:(g + 1) * cg]
        wg = w[g * og:(g + 1) * og]
        if nd == 2:
            outs.append(np.einsum("ncpqij,ocij->nopq", xg, wg))
        else:
            outs.append(np.einsum("ncpqrijk,ocijk->nopqr", xg, wg))
    y = np.concatenate(outs, axis=1)
    if b is not None:
        y += b.reshape((1, -1) + (1,) * nd)
    return y


def pool_size(size, k, s, p, d, ceil):
    num = size + 2 * p - d * (k - 1) - 1
    out = (math.ceil(num / s) if ceil else num // s) + 1
    if ceil and (out - 1) * s >= size + p:
        out -= 1
    return out


def pool(x, kind, k, s, p, d=(1, 1), ceil=False, include_pad=True, divisor=None):
    N, C, H, W = x.shape
    oh = pool_size(H, k[0], s[0], p[0], d[0], ceil)
    ow = pool_size(W, k[1], s[1], p[1], d[1], ceil)
    y = np.zeros((N, C, oh, ow))
    for n in range(N):
        for c in range(C):
            for i in range(oh):
                for j in range(ow):
                    vals, padded = [], 0
                    for a in range(k[0]):
                        for bb in range(k[1]):
                            h, w_ = i * s[0] - p[0] + a * d[0], j * s[1] - p[1] + bb * d[1]
                            if h < H + p[0] and w_ < W + p[1]:
                                padded += 1
                            if 0 <= h < H and 0 <= w_ < W:
                                vals.append(x[n, c, h, w_])
                    if kind == "max":
                        y[n, c, i, j] = max(vals)
                    else:
                        y[n, c, i, j] = sum(vals) / (divisor or (padded if include_pad else len(vals)))
    return y


def adaptive(x, out):
    N, C, H, W = x.shape
    y = np.zeros((N, C) + tuple(out))
    for i in range(out[0]):
        h0, h1 = (i * H) // out[0], -((-(i + 1) * H) // out[0])
        for j in range(out[1]):
            w0, w1 = (j * W) // out[1], -((-(j + 1) * W) // out[1])
            y[:, :, i, j] = x[:, :, h0:h1, w0:w1].mean(axis=(2, 3))
    return y


def same_pads(k, d):
    total = [dd * (kk - 1) for kk, dd in zip(k, d)]
    return [t // 2 for t in total], [t - t // 2 for t in total]


cases = []


def add_conv(name, op, x, w, b, stride, padding, dilation, groups):
    nd = x.ndim - 2
    if padding == "same":
        before, after = same_pads(w.shape[2:], dilation)
    elif padding == "valid":
        before = after = [0] * nd
    else:
        before = after = list(padding)
    y = conv(x, w, b, stride, before, after, dilation, groups)
    cases.append(dict(name=name, op=op, input_shape=list(x.shape), input=x.ravel().tolist(),
                      weight_shape=list(w.shape), weight=w.ravel().tolist(),
                      bias=None if b is None else b.tolist(), stride=list(stride),
                      padding=padding if isinstance(padding, str) else list(padding),
                      dilation=list(dilation), groups=groups,
                      output_shape=list(y.shape), output=y.ravel().tolist()))


def add_pool(name, op, x, y, **params):
    cases.append(dict(name=name, op=op, input_shape=list(x.shape), input=x.ravel().tolist(),
                      output_shape=list(y.shape), output=y.ravel().tolist(), **params))


add_conv("conv2d_groups_strided_dilated", "conv2d", rand(2, 4, 7, 6), rand(6, 2, 3, 2), rand(6),
         (2, 1), (1, 2), (1, 2), 2)
add_conv("conv2d_same_even_kernel", "conv2d", rand(1, 3, 6, 5), rand(2, 3, 4, 3), None, (1, 1), "same", (1, 2), 1)
add_conv("conv2d_valid", "conv2d", rand(1, 2, 5, 5), rand(3, 2, 3, 3), rand(3), (1, 1), "valid", (1, 1), 1)
add_conv("conv3d_padded_strided", "conv3d", rand(1, 2, 5, 6, 4), rand(3, 2, 2, 3, 2), rand(3),
         (1, 2, 1), (1, 0, 1), (1, 1, 1), 1)
add_conv("conv3d_same_groups", "conv3d", rand(2, 4, 3, 4, 5), rand(2, 2, 3, 2, 3), None,
         (1, 1, 1), "same", (1, 2, 1), 2)

x = rand(1, 2, 7, 8)
add_pool("max_pool_ceil", "max_pool2d", x, pool(x, "max", (3, 3), (2, 2), (1, 1), ceil=True),
         kernel=[3, 3], stride=[2, 2], padding=[1, 1], dilation=[1, 1], ceil_mode=True)
x = rand(1, 1, 9, 9)
add_pool("max_pool_dilated", "max_pool2d", x, pool(x, "max", (2, 3), (1, 2), (1, 1), d=(2, 2)),
         kernel=[2, 3], stride=[1, 2], padding=[1, 1], dilation=[2, 2], ceil_mode=False)
x = rand(2, 1, 7, 7)
add_pool("avg_pool_ceil_include_pad", "avg_pool2d", x, pool(x, "avg", (3, 3), (2, 2), (1, 1), ceil=True),
         kernel=[3, 3], stride=[2, 2], padding=[1, 1], ceil_mode=True, count_include_pad=True)
x = rand(1, 2, 6, 7)
add_pool("avg_pool_exclude_pad", "avg_pool2d", x,
         pool(x, "avg", (2, 3), (2, 2), (1, 1), include_pad=False),
         kernel=[2, 3], stride=[2, 2], padding=[1, 1], ceil_mode=False, count_include_pad=False)
x = rand(1, 2, 7, 5)
add_pool("adaptive_avg", "adaptive_avg_pool2d", x, adaptive(x, (3, 2)), output_size=[3, 2])

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv_fixtures.json"), "w") as f:
    json.dump({"generator": "conv_fixtures.py", "numpy": np.__version__, "cases": cases}, f)
