#!/usr/bin/env python3
"""Writes the NumPy reference fixtures for the Tensors tests.

Run from this directory: `python3 make_fixtures.py` (NumPy 2.x). It writes:
- numpy_reference.json: broadcasting arithmetic and comparisons, reductions, matmul and
  indexing, each case with its inputs and NumPy's result;
- random_reference.json: the documented RandomGenerator algorithm (SplitMix64-seeded
  xoshiro256**, 24-bit floats, Box-Muller normals, multiply-high integers) reimplemented here
  independently of the Swift code.

Tensors are stored as {"dtype": "float32" | "int64" | "bool", "shape": [...], "data": [...]}
with data flattened in row-major order.
"""

import json
import math
import struct

import warnings

import numpy as np

# Variances over a single element are NaN on purpose (0 / 0 with ddof=1), as in PyTorch.
warnings.simplefilter("ignore", RuntimeWarning)

rng = np.random.default_rng(20261126)


def encode(array):
    array = np.asarray(array)
    if array.dtype == np.bool_:
        dtype, data = "bool", [bool(v) for v in array.reshape(-1)]
    elif np.issubdtype(array.dtype, np.integer):
        dtype, data = "int64", [int(v) for v in array.reshape(-1)]
    else:
        array = array.astype(np.float32)
        # JSON has no NaN or infinity: those travel as the strings Python prints.
        dtype, data = "float32", [float(v) if math.isfinite(v) else str(float(v)) for v in array.reshape(-1)]
    return {"dtype": dtype, "shape": list(array.shape), "data": data}


def floats(*shape):
    # Values with few significant bits keep float32 arithmetic exact enough to compare tightly.
    return (rng.integers(-40, 41, size=shape) / 8).astype(np.float32)


def ints(*shape, low=-9, high=10):
    return rng.integers(low, high, size=shape).astype(np.int64)


def positive(*shape):
    return (rng.integers(1, 33, size=shape) / 4).astype(np.float32)


# --- broadcasting -------------------------------------------------------------------------
shape_pairs = [
    ((3,), (3,)),
    ((2, 3), (3,)),
    ((2, 1), (1, 4)),
    ((4, 1, 3), (2, 1)),
    ((1,), (2, 3)),
    ((2, 3, 4), (2, 1, 4)),
    ((), (2, 2)),
    ((5, 1, 1, 2), (3, 1)),
]
numpy_ops = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.true_divide,
    "maximum": np.maximum,
    "minimum": np.minimum,
    "eq": np.equal,
    "ne": np.not_equal,
    "lt": np.less,
    "le": np.less_equal,
    "gt": np.greater,
    "ge": np.greater_equal,
}
broadcast = []
for a_shape, b_shape in shape_pairs:
    for op, fn in numpy_ops.items():
        a = floats(*a_shape)
        b = floats(*b_shape) if op != "div" else positive(*b_shape)
        broadcast.append({"op": op, "a": encode(a), "b": encode(b), "out": encode(fn(a, b))})
    a, b = ints(*a_shape), ints(*b_shape)
    for op in ["add", "sub", "mul", "maximum", "lt", "eq"]:
        broadcast.append({"op": op, "a": encode(a), "b": encode(b), "out": encode(numpy_ops[op](a, b))})
    # int / int is true division in PyTorch; floor_divide and remainder follow Python.
    b_nonzero = np.where(b == 0, 3, b)
    broadcast.append({"op": "div", "a": encode(a), "b": encode(b_nonzero), "out": encode((a / b_nonzero).astype(np.float32))})
    broadcast.append({"op": "floor_divide", "a": encode(a), "b": encode(b_nonzero), "out": encode(np.floor_divide(a, b_nonzero))})
    broadcast.append({"op": "remainder", "a": encode(a), "b": encode(b_nonzero), "out": encode(np.remainder(a, b_nonzero))})
    # Mixed int and float promote to float32.
    fa = floats(*b_shape)
    broadcast.append({"op": "mul", "a": encode(a), "b": encode(fa), "out": encode(a.astype(np.float32) * fa)})

# --- reductions -----------------------------------------------------------------------------
reductions = []
for shape in [(5,), (3, 4), (2, 3, 4), (2, 1, 3, 2)]:
    x = floats(*shape) * 3
    dim_choices = [None] + [[d] for d in range(-len(shape), len(shape))]
    if len(shape) >= 3:
        dim_choices += [[0, 2], [-1, 0]]
    for dims in dim_choices:
        axis = None if dims is None else tuple(dims)
        for keepdim in [False, True]:
            for op in ["sum", "mean", "prod", "std", "var", "norm", "amax", "amin"]:
                if op == "sum":
                    out = np.sum(x.astype(np.float64), axis=axis, keepdims=keepdim)
                elif op == "mean":
                    out = np.mean(x.astype(np.float64), axis=axis, keepdims=keepdim)
                elif op == "prod":
                    out = np.prod(x.astype(np.float64), axis=axis, keepdims=keepdim)
                elif op == "std":
                    out = np.std(x.astype(np.float64), axis=axis, keepdims=keepdim, ddof=1)
                elif op == "var":
                    out = np.var(x.astype(np.float64), axis=axis, keepdims=keepdim, ddof=1)
                elif op == "norm":
                    out = np.sqrt(np.sum(x.astype(np.float64) ** 2, axis=axis, keepdims=keepdim))
                elif op == "amax":
                    out = np.max(x, axis=axis, keepdims=keepdim)
                else:
                    out = np.min(x, axis=axis, keepdims=keepdim)
                reductions.append({"op": op, "dims": dims, "keepdim": keepdim, "x": encode(x), "out": encode(np.asarray(out, dtype=np.float32))})
        if dims is not None and len(dims) == 1:
            for keepdim in [False, True]:
                reductions.append({"op": "argmax", "dims": dims, "keepdim": keepdim, "x": encode(x), "out": encode(np.argmax(x, axis=dims[0], keepdims=keepdim))})
                reductions.append({"op": "argmin", "dims": dims, "keepdim": keepdim, "x": encode(x), "out": encode(np.argmin(x, axis=dims[0], keepdims=keepdim))})
    xi = ints(*shape)
    for dims in [None, [0], [-1]]:
        axis = None if dims is None else tuple(dims)
        reductions.append({"op": "sum", "dims": dims, "keepdim": False, "x": encode(xi), "out": encode(np.sum(xi, axis=axis))})
        reductions.append({"op": "amax", "dims": dims, "keepdim": True, "x": encode(xi), "out": encode(np.max(xi, axis=axis, keepdims=True))})
    reductions.append({"op": "argmax", "dims": None, "keepdim": False, "x": encode(x), "out": encode(np.argmax(x))})

# --- matmul ---------------------------------------------------------------------------------
matmul = []
for a_shape, b_shape in [
    ((3,), (3,)),
    ((2, 3), (3, 4)),
    ((3,), (3, 4)),
    ((2, 3), (3,)),
    ((2, 2, 3), (3, 4)),
    ((2, 3), (4, 3, 5)),
    ((2, 1, 2, 3), (3, 3, 2)),
    ((4,), (2, 4, 3)),
    ((2, 5, 4), (4,)),
    ((1, 7), (7, 1)),
    ((6, 5), (5, 9)),
]:
    a, b = floats(*a_shape), floats(*b_shape)
    matmul.append({"a": encode(a), "b": encode(b), "out": encode(np.matmul(a.astype(np.float64), b.astype(np.float64)).astype(np.float32))})
    ai, bi = ints(*a_shape), ints(*b_shape)
    matmul.append({"a": encode(ai), "b": encode(bi), "out": encode(np.matmul(ai, bi))})

# --- indexing -------------------------------------------------------------------------------
# Components: ["int", i], ["slice", start, stop, step] (null for missing), ["none"], ["ellipsis"],
# ["tensor", encoded int64 or bool tensor]. Cases avoid mixing integers with separated tensor
# indices, where NumPy and PyTorch place result dimensions differently.
def to_numpy_index(components):
    result = []
    for c in components:
        if c[0] == "int":
            result.append(c[1])
        elif c[0] == "slice":
            result.append(slice(c[1], c[2], c[3]))
        elif c[0] == "none":
            result.append(None)
        elif c[0] == "ellipsis":
            result.append(Ellipsis)
        else:
            result.append(c[2])
    return tuple(result)


def tensor_component(array):
    return ["tensor", encode(array), array]


x3 = np.arange(60, dtype=np.float32).reshape(3, 4, 5)
x2 = floats(4, 6)
indexing_cases = [
    (x3, [["int", 1]]),
    (x3, [["int", -1], ["int", 2]]),
    (x3, [["slice", None, None, None], ["int", 0]]),
    (x3, [["slice", 1, None, None]]),
    (x3, [["slice", None, None, 2], ["slice", 1, 3, None]]),
    (x3, [["slice", -2, None, None], ["slice", None, -1, 2], ["slice", 10, 20, None]]),
    (x3, [["ellipsis"], ["int", 1]]),
    (x3, [["ellipsis"], ["slice", 1, 4, 2]]),
    (x3, [["int", 0], ["ellipsis"], ["none"]]),
    (x3, [["none"], ["slice", None, None, None], ["none"], ["int", 2]]),
    (x3, [["slice", -100, 100, 3]]),
    (x3, [tensor_component(np.array([2, 0, -1]))]),
    (x3, [["slice", None, None, None], tensor_component(np.array([[3, 0], [1, 1]]))]),
    (x3, [["int", 1], tensor_component(np.array([0, 2]))]),
    (x3, [tensor_component(np.array([0, 2])), tensor_component(np.array([1, 3]))]),
    (x3, [tensor_component(np.array([0, 2])), ["slice", None, None, None], tensor_component(np.array([1, 4]))]),
    (x3, [["slice", None, None, None], tensor_component(np.array([0, 3])), tensor_component(np.array([[1], [4]]))]),
    (x2, [tensor_component(x2 > 0)]),
    (x2, [tensor_component(x2[:, 0] > 0)]),
    (x2, [["slice", None, None, None], tensor_component(x2[0] < 0)]),
    (x3, [tensor_component(x3[:, :, 0] > 20), ["slice", 1, None, None]]),
]
indexing = []
for x, components in indexing_cases:
    out = x[to_numpy_index(components)]
    indexing.append({"x": encode(x), "index": [c[:2] if c[0] == "tensor" else c for c in components], "out": encode(np.asarray(out))})

# --- assignment -------------------------------------------------------------------------------
assignment_cases = [
    (x2, [["slice", None, None, None], ["slice", 2, 6, None]], np.float32(0)),
    (x2, [["int", 1]], floats(6)),
    (x2, [["slice", None, None, 2]], floats(1, 6)),
    (x2, [["slice", 1, 3, None], ["int", -1]], floats(1)),
    (x3, [["ellipsis"], ["int", 0]], floats(4)),
    (x3, [["none"], ["int", 2], ["slice", None, None, None], ["slice", 1, None, 3]], floats(4, 2)),
    (x3, [tensor_component(np.array([2, 0]))], floats(4, 5)),
    (x3, [["slice", None, None, None], tensor_component(np.array([1, 3])), ["slice", 0, 2, None]], floats(2, 2)),
    (x2, [tensor_component(x2 > 0)], np.float32(1)),
    (x2, [tensor_component(x2[:, 0] > 0), ["int", 0]], np.float32(-7)),
]
assignment = []
for x, components, value in assignment_cases:
    result = x.copy()
    result[to_numpy_index(components)] = value
    assignment.append({
        "x": encode(x),
        "index": [c[:2] if c[0] == "tensor" else c for c in components],
        "value": encode(np.asarray(value)),
        "out": encode(result),
    })

# --- shape operations -------------------------------------------------------------------------
shapes = []
x4 = floats(2, 3, 4, 5)
for order in [(0, 1, 2, 3), (3, 2, 1, 0), (1, 0, 3, 2), (0, 2, 3, 1), (2, 0, 1, 3)]:
    shapes.append({"op": "permute", "args": list(order), "x": encode(x4), "out": encode(np.transpose(x4, order))})
for pads in [(1, 1), (0, 2, 1, 0), (2, 1, 0, 1, 1, 1), (-1, 2, 0, -1), (1, 1, 1, 1, 1, 1, 1, 1)]:
    # F.pad lists (before, after) pairs from the last dimension backwards; negative pads crop.
    widths = [(0, 0)] * x4.ndim
    for pair in range(len(pads) // 2):
        widths[x4.ndim - 1 - pair] = (pads[2 * pair], pads[2 * pair + 1])
    padded = np.pad(x4, [(max(b, 0), max(a, 0)) for b, a in widths])
    crop = tuple(slice(max(-b, 0), padded.shape[d] - max(-a, 0)) for d, (b, a) in enumerate(widths))
    shapes.append({"op": "pad", "args": list(pads), "x": encode(x4), "out": encode(padded[crop])})
for dim in range(-4, 4):
    shapes.append({"op": "cat", "args": [dim], "x": encode(x4), "out": encode(np.concatenate([x4, x4 * 2], axis=dim))})
    shapes.append({"op": "flip", "args": [dim], "x": encode(x4), "out": encode(np.flip(x4, axis=dim))})
for dim in range(-5, 5):
    shapes.append({"op": "stack", "args": [dim], "x": encode(x4), "out": encode(np.stack([x4, x4 * 2], axis=dim))})

with open("numpy_reference.json", "w") as f:
    json.dump(
        {
            "broadcast": broadcast,
            "reductions": reductions,
            "matmul": matmul,
            "indexing": indexing,
            "assignment": assignment,
            "shapes": shapes,
        },
        f,
    )

# --- random generator -----------------------------------------------------------------------
MASK = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Reference:
    def __init__(self, seed):
        state = seed & MASK
        words = []
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            words.append(z ^ (z >> 31))
        self.s = words
        self.spare = None

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def next_float(self):
        return (self.next() >> 40) * 2.0**-24

    def next_double(self):
        return (self.next() >> 11) * 2.0**-53

    def next_normal(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        u1, u2 = self.next_double(), self.next_double()
        radius = math.sqrt(-2.0 * math.log(1.0 - u1))
        angle = 2.0 * math.pi * u2
        self.spare = radius * math.sin(angle)
        return radius * math.cos(angle)

    def next_int(self, low, high):
        return low + ((self.next() * (high - low)) >> 64)


def permutation(generator, n):
    values = list(range(n))
    for i in range(n - 1, 0, -1):
        j = generator.next_int(0, i + 1)
        values[i], values[j] = values[j], values[i]
    return values


def float32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


random_cases = []
for seed in [0, 42, 2**64 - 1]:
    bits = Reference(seed)
    uniform = Reference(seed)
    normal = Reference(seed)
    integers = Reference(seed)
    shuffle = Reference(seed)
    random_cases.append({
        "seed": str(seed),
        "bits": [str(bits.next()) for _ in range(8)],
        "floats": [uniform.next_float() for _ in range(8)],
        "normals": [float32(normal.next_normal()) for _ in range(7)],
        "integers": [integers.next_int(-5, 12) for _ in range(8)],
        "permutation": permutation(shuffle, 10),
    })

with open("random_reference.json", "w") as f:
    json.dump(random_cases, f, indent=1)
