"""Writes module_fixtures.json: what PyTorch's nn layers do when a program drives them, for
LayerModuleTests (which runs the same steps in a Convbook session and compares).

- batch_norm: a module built by the given constructor (nn.BatchNorm1d/2d, the lazy forms,
  momentum=None, no running statistics...) driven through several training steps and then eval
  steps; after each step the output, the gradients of (output * grad_output).sum() and the
  buffers (running_mean, running_var, num_batches_tracked).
- book_batch_norm: the from-scratch `batch_norm` of d2l's batch-norm section, run on the same data as
  nn.BatchNorm2d / nn.BatchNorm1d (training then prediction), with its moving statistics.
- lazy_conv: nn.LazyConv2d with groups: repr after the first call, then output and gradients with
  the weights the test sets.
- reprs: the repr of layers as PyTorch 2.13 prints them.
- init: nn.init calls on float32 tensors: the documented distribution, and the bounds and moments
  PyTorch's samples had (the generators differ, so the tests compare statistics).

Inputs are float64 here and stored rounded to float32 precision.
Run with: /work/main/.venv-torch/bin/python Tests/LangTests/Golden/Layers/module_fixtures.py
"""
import json
import math
import os

import torch
from torch import nn

torch.manual_seed(2013)


def encode(t):
    return [float("%.9g" % v) for v in t.detach().double().reshape(-1).tolist()]


def tensor(t):
    return {"shape": list(t.shape), "data": encode(t)}


def uniform(shape, low=-1.0, high=1.0):
    return (torch.rand(shape, dtype=torch.float64) * (high - low) + low).float()


# --- nn.BatchNorm modules over several steps ------------------------------------------------------

# name, constructor (as the program writes it), input shape, training steps, eval steps, offset
BATCH_NORM = [
    ("bn2d_three_steps", "nn.BatchNorm2d(3)", (4, 3, 5, 5), 3, 1, 0.0),
    ("bn2d_momentum_none", "nn.BatchNorm2d(2, momentum=None)", (3, 2, 4, 3), 4, 1, 0.0),
    ("bn2d_momentum_half", "nn.BatchNorm2d(4, eps=1e-3, momentum=0.5)", (2, 4, 3, 3), 2, 1, 2.0),
    ("bn2d_no_affine", "nn.BatchNorm2d(3, affine=False)", (2, 3, 4, 4), 2, 1, 0.0),
    ("bn2d_no_running_stats", "nn.BatchNorm2d(3, track_running_stats=False)", (2, 3, 3, 3), 2, 1, 0.0),
    ("bn2d_affine_no_bias", "nn.BatchNorm2d(3, bias=False)", (2, 3, 3, 2), 2, 1, 0.0),
    ("lazy_bn2d", "nn.LazyBatchNorm2d()", (2, 6, 4, 4), 2, 1, 1.0),
    ("bn1d_features", "nn.BatchNorm1d(5)", (6, 5), 3, 1, 0.0),
    ("bn1d_sequence", "nn.BatchNorm1d(3, momentum=None)", (4, 3, 6), 3, 1, 0.0),
    ("lazy_bn1d", "nn.LazyBatchNorm1d()", (8, 7), 2, 1, -1.0),
]


def batch_norm_case(name, constructor, shape, train_steps, eval_steps, offset):
    module = eval(constructor, {"nn": nn})
    has_weight = getattr(module, "weight", None) is not None and not name.startswith("lazy")
    weight = bias = None
    if has_weight:
        with torch.no_grad():
            weight = uniform(module.weight.shape, 0.5, 1.5)
            module.weight.copy_(weight)
            if module.bias is not None:
                bias = uniform(module.bias.shape)
                module.bias.copy_(bias)
    steps = []
    for step in range(train_steps + eval_steps):
        training = step < train_steps
        module.train(training)
        x = (uniform(shape) * 2 + offset + 0.5 * step).requires_grad_(True)
        y = module(x)
        g = uniform(y.shape)
        (y * g).sum().backward()
        record = {
            "training": training, "input": tensor(x), "grad_output": tensor(g), "output": tensor(y),
            "grad_input": tensor(x.grad),
            "grad_weight": tensor(module.weight.grad) if module.weight is not None else None,
            "grad_bias": tensor(module.bias.grad) if module.bias is not None else None,
            "running_mean": tensor(module.running_mean) if module.running_mean is not None else None,
            "running_var": tensor(module.running_var) if module.running_var is not None else None,
            "num_batches_tracked":
                int(module.num_batches_tracked) if module.num_batches_tracked is not None else None,
        }
        module.zero_grad()
        steps.append(record)
    return {
        "name": name, "constructor": constructor, "weight": tensor(weight) if weight is not None else None,
        "bias": tensor(bias) if bias is not None else None, "repr": repr(module), "steps": steps,
    }


# --- the book's from-scratch batch_norm ----------------------------------------------------------

BOOK_BATCH_NORM = '''
def batch_norm(X, gamma, beta, moving_mean, moving_var, eps, momentum):
    # Use is_grad_enabled to determine whether we are in training mode
    if not torch.is_grad_enabled():
        # In prediction mode, use mean and variance obtained by moving average
        X_hat = (X - moving_mean) / torch.sqrt(moving_var + eps)
    else:
        assert len(X.shape) in (2, 4)
        if len(X.shape) == 2:
            # When using a fully connected layer, calculate the mean and
            # variance on the feature dimension
            mean = X.mean(dim=0)
            var = ((X - mean) ** 2).mean(dim=0)
        else:
            # When using a two-dimensional convolutional layer, calculate the
            # mean and variance on the channel dimension (axis=1). Here we
            # need to maintain the shape of X, so that the broadcasting
            # operation can be carried out later
            mean = X.mean(dim=(0, 2, 3), keepdim=True)
            var = ((X - mean) ** 2).mean(dim=(0, 2, 3), keepdim=True)
        # In training mode, the current mean and variance are used
        X_hat = (X - mean) / torch.sqrt(var + eps)
        # Update the mean and variance using moving average
        moving_mean = (1.0 - momentum) * moving_mean + momentum * mean
        moving_var = (1.0 - momentum) * moving_var + momentum * var
    Y = gamma * X_hat + beta  # Scale and shift
    return Y, moving_mean.data, moving_var.data
'''

# name, input shape (4-D for convolutions, 2-D for fully connected layers)
BOOK = [("conv", (4, 3, 5, 5)), ("fully_connected", (6, 5))]


def book_case(name, shape):
    namespace = {"torch": torch}
    exec(BOOK_BATCH_NORM, namespace)
    batch_norm = namespace["batch_norm"]
    features = shape[1]
    param_shape = (1, features) if len(shape) == 2 else (1, features, 1, 1)
    gamma = uniform(param_shape, 0.5, 1.5).requires_grad_(True)
    beta = uniform(param_shape).requires_grad_(True)
    moving_mean = torch.zeros(param_shape)
    moving_var = torch.ones(param_shape)
    x = (uniform(shape) * 2 + 1).requires_grad_(True)
    g = uniform(shape)
    y, moving_mean, moving_var = batch_norm(x, gamma, beta, moving_mean, moving_var, eps=1e-5, momentum=0.1)
    (y * g).sum().backward()
    x_eval = uniform(shape)
    with torch.no_grad():
        y_eval, _, _ = batch_norm(x_eval, gamma, beta, moving_mean, moving_var, eps=1e-5, momentum=0.1)
    return {
        "name": name, "source": BOOK_BATCH_NORM, "input": tensor(x), "gamma": tensor(gamma), "beta": tensor(beta),
        "grad_output": tensor(g), "output": tensor(y), "grad_input": tensor(x.grad),
        "grad_gamma": tensor(gamma.grad), "grad_beta": tensor(beta.grad), "moving_mean": tensor(moving_mean),
        "moving_var": tensor(moving_var), "eval_input": tensor(x_eval), "eval_output": tensor(y_eval),
    }


# --- grouped LazyConv2d --------------------------------------------------------------------------

# name, constructor, input shape
LAZY_CONV = [
    ("groups2", "nn.LazyConv2d(6, kernel_size=3, padding=1, groups=2)", (2, 4, 5, 5)),
    ("resnext_bottleneck", "nn.LazyConv2d(8, kernel_size=3, stride=2, padding=1, groups=8 // 4)", (1, 8, 6, 6)),
    ("depthwise", "nn.LazyConv2d(3, kernel_size=3, groups=3, bias=False)", (2, 3, 4, 5)),
]


def lazy_conv_case(name, constructor, shape):
    layer = eval(constructor, {"nn": nn})
    before = repr(layer)
    x = uniform(shape).requires_grad_(True)
    layer(x)
    after = repr(layer)
    with torch.no_grad():
        weight = uniform(layer.weight.shape)
        layer.weight.copy_(weight)
        bias = uniform(layer.bias.shape) if layer.bias is not None else None
        if bias is not None:
            layer.bias.copy_(bias)
    x.grad = None
    y = layer(x)
    g = uniform(y.shape)
    (y * g).sum().backward()
    return {
        "name": name, "constructor": constructor, "repr_before": before, "repr_after": after, "input": tensor(x),
        "weight": tensor(weight), "bias": tensor(bias) if bias is not None else None, "output": tensor(y),
        "grad_output": tensor(g), "grad_input": tensor(x.grad), "grad_weight": tensor(layer.weight.grad),
        "grad_bias": tensor(layer.bias.grad) if bias is not None else None,
    }


# --- reprs ---------------------------------------------------------------------------------------

REPRS = [
    "nn.BatchNorm2d(6)", "nn.BatchNorm1d(120)", "nn.BatchNorm2d(6, eps=1e-3, momentum=None)",
    "nn.BatchNorm1d(6, affine=False, track_running_stats=False)", "nn.BatchNorm2d(3, bias=False)",
    "nn.LazyBatchNorm2d()", "nn.LazyBatchNorm1d(momentum=0.5)",
    "nn.LayerNorm(5)", "nn.LayerNorm((3, 4), eps=1e-3, elementwise_affine=False)", "nn.LayerNorm([2, 8], bias=False)",
    "nn.Dropout(0.3)", "nn.Dropout()", "nn.Dropout(p=0.5, inplace=True)",
    "nn.AvgPool2d(2)", "nn.AvgPool2d(kernel_size=2, stride=2)", "nn.AvgPool2d(3, 2, 1)", "nn.AvgPool2d((2, 3))",
    "nn.AvgPool2d(3, stride=1, padding=1, ceil_mode=True, count_include_pad=False)",
    "nn.AdaptiveAvgPool2d((1, 1))", "nn.AdaptiveAvgPool2d(3)", "nn.AdaptiveAvgPool2d((None, 2))",
    "nn.AdaptiveMaxPool2d((2, None))", "nn.AdaptiveMaxPool2d(1)",
    "nn.LazyLinear(10)", "nn.Linear(3, 4, bias=False)", "nn.LazyLinear(84, bias=False)",
    "nn.LazyConv2d(8, 3, groups=2)", "nn.LazyConv2d(6, kernel_size=5)",
]

# --- nn.init -------------------------------------------------------------------------------------


def fans(shape):
    receptive = math.prod(shape[2:])
    return shape[1] * receptive, shape[0] * receptive


def xavier_bound(shape, gain=1.0):
    fan_in, fan_out = fans(shape)
    return gain * math.sqrt(6.0 / (fan_in + fan_out))


def kaiming_std(shape, a=0.0, mode="fan_in", gain=None):
    fan_in, fan_out = fans(shape)
    gain = gain if gain is not None else math.sqrt(2.0 / (1 + a * a))
    return gain / math.sqrt(fan_in if mode == "fan_in" else fan_out)


CONV = (64, 32, 3, 3)
FC = (120, 400)
# call (as the program writes it, on a tensor `t`), shape, documented distribution:
# ("uniform", low, high) or ("normal", mean, std), from the formulas in torch.nn.init's docs.
INIT = [
    ("nn.init.xavier_uniform_(t)", CONV, ("uniform", -xavier_bound(CONV), xavier_bound(CONV))),
    ("nn.init.xavier_uniform_(t, gain=2.0)", FC, ("uniform", -xavier_bound(FC, 2), xavier_bound(FC, 2))),
    ("nn.init.xavier_normal_(t)", CONV, ("normal", 0.0, xavier_bound(CONV) / math.sqrt(3))),
    ("nn.init.kaiming_uniform_(t)", CONV,
     ("uniform", -math.sqrt(3) * kaiming_std(CONV), math.sqrt(3) * kaiming_std(CONV))),
    ("nn.init.kaiming_uniform_(t, a=math.sqrt(5))", FC,
     ("uniform", -math.sqrt(3) * kaiming_std(FC, math.sqrt(5)), math.sqrt(3) * kaiming_std(FC, math.sqrt(5)))),
    ("nn.init.kaiming_normal_(t, mode='fan_out', nonlinearity='relu')", CONV,
     ("normal", 0.0, kaiming_std(CONV, mode="fan_out", gain=math.sqrt(2)))),
    ("nn.init.kaiming_normal_(t)", (256, 512), ("normal", 0.0, kaiming_std((256, 512)))),
    ("nn.init.normal_(t, mean=0.5, std=0.01)", (300, 300), ("normal", 0.5, 0.01)),
    ("nn.init.normal_(t)", (300, 300), ("normal", 0.0, 1.0)),
    ("nn.init.uniform_(t, -0.2, 0.3)", (300, 300), ("uniform", -0.2, 0.3)),
    ("nn.init.uniform_(t)", (300, 300), ("uniform", 0.0, 1.0)),
    ("nn.init.zeros_(t)", (30, 30), ("uniform", 0.0, 0.0)),
    ("nn.init.ones_(t)", (30, 30), ("uniform", 1.0, 1.0)),
    ("nn.init.constant_(t, 0.25)", (30, 30), ("uniform", 0.25, 0.25)),
]


def init_case(call, shape, distribution):
    t = torch.empty(shape, dtype=torch.float32)
    returned = eval(call, {"nn": nn, "math": math, "t": t})
    assert returned is t
    kind, first, second = distribution
    return {
        "call": call, "shape": list(shape), "distribution": kind, "parameters": [first, second],
        "torch_min": float(t.min()), "torch_max": float(t.max()), "torch_mean": float(t.double().mean()),
        "torch_std": float(t.double().std()),
    }


fixtures = {
    "generator": "torch " + torch.__version__,
    "batch_norm": [batch_norm_case(*case) for case in BATCH_NORM],
    "book_batch_norm": [book_case(*case) for case in BOOK],
    "lazy_conv": [lazy_conv_case(*case) for case in LAZY_CONV],
    "reprs": [{"constructor": c, "repr": repr(eval(c, {"nn": nn}))} for c in REPRS],
    "init": [init_case(*case) for case in INIT],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "module_fixtures.json")
with open(path, "w") as f:
    json.dump(fixtures, f, separators=(",", ":"))
print("wrote", {k: len(v) for k, v in fixtures.items() if isinstance(v, list)}, "to", path)
