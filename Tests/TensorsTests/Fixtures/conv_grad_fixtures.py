"""Writes conv_grad_fixtures.json: conv2d / conv3d gradients computed by PyTorch autograd.

Each case has an input, a weight, an optional bias, an upstream gradient `grad_output` of the
output's shape, and the gradients PyTorch computes for the input, the weight and the bias
(float64 throughout, stored rounded to float32 precision).
Run with: /work/peers-venv/bin/python Tests/TensorsTests/Fixtures/conv_grad_fixtures.py
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(8)

# name, op, input shape, weight shape, bias, stride, padding, dilation, groups
CASES = [
    ("edge_1x2", "conv2d", (1, 1, 6, 8), (1, 1, 1, 2), False, 1, 0, 1, 1),
    ("multi_in_out_3x3_pad1", "conv2d", (2, 3, 7, 6), (4, 3, 3, 3), True, 1, 1, 1, 1),
    ("stride2_pad1", "conv2d", (1, 2, 9, 8), (3, 2, 3, 3), True, 2, 1, 1, 1),
    ("stride_3x2_pad_2x0", "conv2d", (2, 2, 10, 9), (2, 2, 3, 2), True, (3, 2), (2, 0), 1, 1),
    ("dilation2", "conv2d", (1, 2, 9, 9), (2, 2, 3, 3), False, 1, 2, 2, 1),
    ("dilation_stride", "conv2d", (1, 2, 11, 10), (3, 2, 2, 3), True, 2, 1, (2, 1), 1),
    ("groups2", "conv2d", (2, 4, 6, 6), (6, 2, 3, 3), True, 1, 1, 1, 2),
    ("depthwise", "conv2d", (1, 3, 7, 7), (3, 1, 3, 3), True, 1, 0, 1, 3),
    ("big_padding", "conv2d", (1, 1, 4, 4), (2, 1, 2, 2), True, 1, 3, 1, 1),
    ("same_even_kernel", "conv2d", (1, 2, 6, 5), (2, 2, 2, 4), True, 1, "same", 1, 1),
    ("same_odd", "conv2d", (1, 2, 6, 5), (3, 2, 3, 3), False, 1, "same", 1, 1),
    ("unbatched", "conv2d", (2, 5, 5), (3, 2, 2, 2), True, 1, 0, 1, 1),
    ("pointwise", "conv2d", (2, 4, 5, 5), (3, 4, 1, 1), True, 1, 0, 1, 1),
    ("conv3d_basic", "conv3d", (1, 2, 4, 5, 5), (3, 2, 2, 3, 3), True, 1, 1, 1, 1),
    ("conv3d_stride", "conv3d", (2, 2, 5, 5, 6), (2, 2, 3, 2, 2), True, 2, (1, 0, 1), 1, 1),
]


def encode(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


cases = []
for name, op, x_shape, w_shape, has_bias, stride, padding, dilation, groups in CASES:
    x = (torch.rand(x_shape, dtype=torch.float64) * 2 - 1).requires_grad_(True)
    w = (torch.rand(w_shape, dtype=torch.float64) * 2 - 1).requires_grad_(True)
    b = (torch.rand(w_shape[0], dtype=torch.float64) * 2 - 1).requires_grad_(True) if has_bias else None
    conv = F.conv2d if op == "conv2d" else F.conv3d
    y = conv(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)
    g = torch.rand(y.shape, dtype=torch.float64) * 2 - 1
    y.backward(g)
    spatial = 2 if op == "conv2d" else 3

    def listed(value):
        return list(value) if isinstance(value, tuple) else [value] * spatial

    cases.append({
        "name": name, "op": op,
        "input_shape": list(x_shape), "input": encode(x),
        "weight_shape": list(w_shape), "weight": encode(w),
        "bias": encode(b) if b is not None else None,
        "stride": listed(stride),
        "padding": padding if isinstance(padding, str) else listed(padding),
        "dilation": listed(dilation), "groups": groups,
        "output_shape": list(y.shape), "grad_output": encode(g),
        "grad_input": encode(x.grad), "grad_weight": encode(w.grad),
        "grad_bias": encode(b.grad) if b is not None else None,
    })

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv_grad_fixtures.json")
with open(path, "w") as f:
    json.dump({"generator": "torch " + torch.__version__, "cases": cases}, f, separators=(",", ":"))
print("wrote", len(cases), "cases to", path)
