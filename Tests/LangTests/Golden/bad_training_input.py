"""What real PyTorch raises for the bad training input of issue 18 (wrong labels, wrong number of
classes, a batch of the wrong shape). Writes bad_training_input.json next to this file; BadTrainingInputTests
runs each case in Convbook and compares the exception type and PyTorch's own wording.

Run: /work/main/.venv-torch/bin/python Tests/LangTests/Golden/bad_training_input.py
"""
import json
import os
import torch
from torch import nn
import torch.nn.functional as F

# Each case: (name, code defining nothing but raising in its last line). Logits are (4, 10) unless said.
CASES = [
    ("float labels", "F.cross_entropy(torch.zeros(4, 10), torch.tensor([1., 2., 3., 4.]))"),
    ("bool labels", "F.cross_entropy(torch.zeros(4, 10), torch.tensor([True, False, True, True]))"),
    ("int32 labels", "F.cross_entropy(torch.zeros(4, 10), torch.tensor([1, 2, 3, 4], dtype=torch.int32))"),
    ("labels made int with .int()", "nn.CrossEntropyLoss()(torch.zeros(4, 10), torch.tensor([1, 2, 3, 4]).int())"),
    ("a column of labels", "F.cross_entropy(torch.zeros(4, 10), torch.tensor([[1], [2], [3], [4]]))"),
    ("too few labels", "F.cross_entropy(torch.zeros(4, 10), torch.tensor([1, 2, 3]))"),
    ("one label for a batch", "F.cross_entropy(torch.zeros(4, 10), torch.tensor(3))"),
    ("two labels for one example", "F.cross_entropy(torch.zeros(10), torch.tensor([3, 4]))"),
    ("CrossEntropyLoss with too few labels", "nn.CrossEntropyLoss()(torch.zeros(4, 10), torch.tensor([1, 2, 3]))"),
    ("a model with 5 classes", "F.cross_entropy(nn.Linear(8, 5)(torch.zeros(4, 8)), torch.tensor([1, 2, 3, 7]))"),
    ("a batch with 3 channels", "nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU())(torch.zeros(4, 3, 28, 28))"),
    ("a batch of 32x32 images", "nn.Sequential(nn.Flatten(), nn.Linear(784, 10))(torch.zeros(4, 1, 32, 32))"),
    ("a batch without its channel axis", "nn.Sequential(nn.Conv2d(1, 6, 5))(torch.zeros(28, 28))"),
]


def main():
    results = []
    for name, code in CASES:
        try:
            eval(code)
            raised = {"type": None, "message": None}
        except Exception as error:  # noqa: BLE001 - recording what PyTorch raises is the point
            raised = {"type": type(error).__name__, "message": str(error).split("\n")[0]}
        results.append({"name": name, "code": code, **raised})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad_training_input.json")
    with open(path, "w") as file:
        json.dump({"torch": torch.__version__, "cases": results}, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
