"""Writes layer_fixtures.json: batch norm, layer norm, adaptive and average pooling and grouped
convolution, computed by PyTorch, for the engine's operations.

Values are computed in float64 and stored rounded to float32 precision, like conv_grad_fixtures.json.
Each case carries an upstream gradient `grad_output` and the gradients PyTorch's autograd returns
for `(output * grad_output).sum()`.

- batch_norm: F.batch_norm in training mode (batch statistics, running statistics updated with
  the unbiased variance) and in eval mode (running statistics), affine or not; (N, C), (N, C, L)
  and (N, C, h, w) inputs. (The modules over several steps are in LangTests/Golden/Layers.)
- layer_norm: F.layer_norm over one or more trailing dimensions, with and without weight/bias.
- adaptive_pool: F.adaptive_avg_pool2d / F.adaptive_max_pool2d (values, indices, input gradient).
- avg_pool: nn.AvgPool2d with its defaults and with ceil_mode / count_include_pad=False / padding.
- grouped_conv: nn.LazyConv2d(..., groups=g) (weights copied out after the lazy layer learns c_i).

Run with: /work/main/.venv-torch/bin/python Tests/TensorsTests/Fixtures/layer_fixtures.py
"""
import json
import math
import os

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(17)
torch.set_default_dtype(torch.float64)


def encode(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def tensor(t):
    return {"shape": list(t.shape), "data": encode(t)}


def uniform(shape, low=-1.0, high=1.0):
    return torch.rand(shape) * (high - low) + low


# --- batch norm ---------------------------------------------------------------------------------

# name, input shape, training, affine, momentum, eps, offset added to the input
BATCH_NORM = [
    ("train_2d", (4, 3, 5, 6), True, True, 0.1, 1e-5, 0.0),
    ("train_2d_no_affine", (2, 5, 3, 4), True, False, 0.1, 1e-5, 0.0),
    ("train_2d_large_mean", (2, 3, 6, 6), True, True, 0.1, 1e-5, 50.0),
    ("train_2d_odd_wide", (2, 5, 9, 13), True, True, 0.5, 1e-3, 0.0),
    ("train_2d_one_pixel", (5, 4, 1, 1), True, True, 0.1, 1e-5, 0.0),
    ("train_1d_features", (8, 6), True, True, 0.1, 1e-5, 0.0),
    ("train_1d_two_samples", (2, 9), True, True, 0.1, 1e-5, 0.0),
    ("train_1d_sequence", (4, 3, 7), True, True, 0.1, 1e-5, 0.0),
    ("train_many_channels", (2, 24, 3, 3), True, True, 0.1, 1e-5, 0.0),
    ("eval_2d", (2, 3, 4, 5), False, True, 0.1, 1e-5, 0.0),
    ("eval_2d_no_affine", (3, 4, 2, 3), False, False, 0.1, 1e-5, 0.0),
    ("eval_1d", (6, 5), False, True, 0.1, 1e-5, 0.0),
]


def batch_norm_case(name, shape, training, affine, momentum, eps, offset):
    channels = shape[1]
    x = (uniform(shape) * 2 + offset).requires_grad_(True)
    w = uniform((channels,), 0.5, 1.5).requires_grad_(True) if affine else None
    b = uniform((channels,)).requires_grad_(True) if affine else None
    running_mean = uniform((channels,))
    running_var = uniform((channels,), 0.5, 2.0)
    before = (running_mean.clone(), running_var.clone())
    y = F.batch_norm(x, running_mean, running_var, w, b, training=training, momentum=momentum, eps=eps)
    g = uniform(y.shape)
    (y * g).sum().backward()
    reduce = [0] + list(range(2, len(shape)))
    return {
        "name": name, "training": training, "momentum": momentum, "eps": eps, "input": tensor(x),
        "weight": tensor(w) if affine else None, "bias": tensor(b) if affine else None,
        "running_mean": tensor(before[0]), "running_var": tensor(before[1]),
        "batch_mean": encode(x.mean(dim=reduce)), "batch_var": encode(x.var(dim=reduce, unbiased=False)),
        "output": tensor(y), "grad_output": tensor(g), "grad_input": tensor(x.grad),
        "grad_weight": tensor(w.grad) if affine else None, "grad_bias": tensor(b.grad) if affine else None,
        "running_mean_after": tensor(running_mean), "running_var_after": tensor(running_var),
    }


# --- layer norm ---------------------------------------------------------------------------------

# name, input shape, normalized shape, affine, eps
LAYER_NORM = [
    ("ln_last_dim", (4, 6), (6,), True, 1e-5),
    ("ln_two_dims", (2, 3, 4, 5), (4, 5), True, 1e-5),
    ("ln_no_affine", (3, 7), (7,), False, 1e-5),
    ("ln_wide_odd", (3, 37), (37,), True, 1e-3),
    ("ln_single_row", (19,), (19,), True, 1e-5),
    ("ln_three_dims", (2, 3, 2, 9), (3, 2, 9), True, 1e-5),
]


def layer_norm_case(name, shape, normalized, affine, eps):
    x = (uniform(shape) * 3 + 1).requires_grad_(True)
    w = uniform(normalized, 0.5, 1.5).requires_grad_(True) if affine else None
    b = uniform(normalized).requires_grad_(True) if affine else None
    y = F.layer_norm(x, normalized, w, b, eps)
    g = uniform(y.shape)
    (y * g).sum().backward()
    return {
        "name": name, "normalized_shape": list(normalized), "eps": eps, "input": tensor(x),
        "weight": tensor(w) if affine else None, "bias": tensor(b) if affine else None, "output": tensor(y),
        "grad_output": tensor(g), "grad_input": tensor(x.grad),
        "grad_weight": tensor(w.grad) if affine else None, "grad_bias": tensor(b.grad) if affine else None,
    }


# --- pooling ------------------------------------------------------------------------------------

# name, kind, input shape, output size
ADAPTIVE = [
    ("avg_global", "avg", (2, 3, 5, 7), (1, 1)),
    ("avg_2x2_from_odd", "avg", (1, 2, 5, 5), (2, 2)),
    ("avg_3x2", "avg", (2, 2, 7, 6), (3, 2)),
    ("avg_upsample", "avg", (1, 1, 2, 3), (4, 5)),
    ("avg_unbatched", "avg", (3, 6, 4), (4, 3)),
    ("max_global", "max", (2, 3, 5, 7), (1, 1)),
    ("max_2x2_from_odd", "max", (1, 2, 5, 5), (2, 2)),
    ("max_3x2", "max", (2, 2, 7, 6), (3, 2)),
    ("max_overlapping", "max", (1, 2, 5, 4), (3, 3)),
    ("max_unbatched", "max", (3, 6, 4), (4, 3)),
]


def adaptive_case(name, kind, shape, size):
    x = uniform(shape).requires_grad_(True)
    case = {"name": name, "kind": kind, "output_size": list(size), "input": tensor(x)}
    if kind == "avg":
        y = F.adaptive_avg_pool2d(x, size)
    else:
        y, indices = F.adaptive_max_pool2d(x, size, return_indices=True)
        case["indices"] = indices.reshape(-1).tolist()
    g = uniform(y.shape)
    (y * g).sum().backward()
    case.update({"output": tensor(y), "grad_output": tensor(g), "grad_input": tensor(x.grad)})
    return case


# name, input shape, kernel, stride, padding, ceil_mode, count_include_pad
AVG_POOL = [
    ("defaults_2", (2, 3, 6, 6), 2, None, 0, False, True),
    ("defaults_odd_input", (1, 2, 7, 5), 2, None, 0, False, True),
    ("lenet_2_stride2", (1, 1, 28, 28), 2, 2, 0, False, True),
    ("padding_counts_zeros", (1, 2, 5, 5), 3, 2, 1, False, True),
    ("padding_excluded", (1, 2, 5, 5), 3, 2, 1, False, False),
    ("ceil_mode", (1, 2, 7, 7), 2, 2, 0, True, True),
    ("ceil_mode_padding_excluded", (1, 1, 6, 7), 3, 2, 1, True, False),
]


def avg_pool_case(name, shape, kernel, stride, padding, ceil_mode, count_include_pad):
    x = uniform(shape).requires_grad_(True)
    pool = nn.AvgPool2d(kernel, stride, padding, ceil_mode=ceil_mode, count_include_pad=count_include_pad)
    y = pool(x)
    g = uniform(y.shape)
    (y * g).sum().backward()
    return {
        "name": name, "kernel": kernel, "stride": stride, "padding": padding, "ceil_mode": ceil_mode,
        "count_include_pad": count_include_pad, "repr": repr(pool), "input": tensor(x), "output": tensor(y),
        "grad_output": tensor(g), "grad_input": tensor(x.grad),
    }


# --- grouped convolution through LazyConv2d -----------------------------------------------------

# name, input shape, out channels, kernel, stride, padding, groups
GROUPED = [
    ("lazy_groups2", (2, 4, 6, 6), 6, 3, 1, 1, 2),
    ("lazy_resnext_bottleneck", (1, 8, 5, 5), 8, 3, 1, 1, 8 // 4),
    ("lazy_groups4_stride2", (2, 8, 7, 7), 12, 3, 2, 1, 4),
    ("lazy_depthwise", (1, 3, 5, 6), 3, 3, 1, 0, 3),
]


def grouped_case(name, shape, out, kernel, stride, padding, groups):
    layer = nn.LazyConv2d(out, kernel, stride=stride, padding=padding, groups=groups)
    x = uniform(shape).requires_grad_(True)
    layer(x)  # learns in_channels
    with torch.no_grad():
        layer.weight.copy_(uniform(layer.weight.shape))
        layer.bias.copy_(uniform(layer.bias.shape))
    y = layer(x)
    g = uniform(y.shape)
    (y * g).sum().backward()
    return {
        "name": name, "stride": stride, "padding": padding, "groups": groups, "repr": repr(layer),
        "input": tensor(x), "weight": tensor(layer.weight), "bias": tensor(layer.bias), "output": tensor(y),
        "grad_output": tensor(g), "grad_input": tensor(x.grad), "grad_weight": tensor(layer.weight.grad),
        "grad_bias": tensor(layer.bias.grad),
    }


fixtures = {
    "generator": "torch " + torch.__version__,
    "batch_norm": [batch_norm_case(*case) for case in BATCH_NORM],
    "layer_norm": [layer_norm_case(*case) for case in LAYER_NORM],
    "adaptive_pool": [adaptive_case(*case) for case in ADAPTIVE],
    "avg_pool": [avg_pool_case(*case) for case in AVG_POOL],
    "grouped_conv": [grouped_case(*case) for case in GROUPED],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layer_fixtures.json")
with open(path, "w") as f:
    json.dump(fixtures, f, separators=(",", ":"))
print("wrote", {k: len(v) for k, v in fixtures.items() if isinstance(v, list)}, "to", path)
