"""Reference numbers for DataLoaderTests, computed by real PyTorch 2.13 / torchvision from the same files
Convbook reads (Debian's dataset-fashion-mnist). Prints JSON to stdout:

    /work/main/.venv-torch/bin/python Tests/LangTests/Golden/fashion_mnist_reference.py > Tests/LangTests/Golden/fashion_mnist_reference.json
"""

import gzip
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

SOURCE = os.environ.get("CONVBOOK_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def read(name, offset):
    with gzip.open(os.path.join(SOURCE, name)) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


train = read("train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
labels = read("train-labels-idx1-ubyte.gz", 8)
test_labels = read("t10k-labels-idx1-ubyte.gz", 8)
# transforms.ToTensor(): uint8 H×W -> float 1×H×W / 255
x = torch.from_numpy(train[:128].astype(np.float32) / 255).unsqueeze(1)
up = F.interpolate(x[:1], size=(56, 56), mode="bilinear", align_corners=False, antialias=False)
normalized = (x[:1] - 0.2860) / 0.3530
print(json.dumps({
    "train_count": int(train.shape[0]),
    "val_count": int(test_labels.shape[0]),
    "first_labels": labels[:8].tolist(),
    "first_image_sum": float(x[0].sum()),
    "first_batch_mean": float(x.mean()),
    "first_batch_label_sum": int(labels[:128].sum()),
    "resized_56_sum": float(up.sum()),
    "resized_56_row": [round(float(v), 6) for v in up[0, 0, 28, 20:24]],
    "normalized_sum": float(normalized.sum()),
    "train_class_counts": np.bincount(labels, minlength=10).tolist(),
}, indent=1))
