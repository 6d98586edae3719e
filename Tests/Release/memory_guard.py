# Run by `make test-release` under an address-space cap (ulimit -v) with the release binary: tensors
# past the cap are a MemoryError, not a crash. Only the release build showed the guard's probe
# optimized away, and the debug tests cannot see that.
import torch

fill = []
try:
    while True:
        fill.append(torch.ones(1000, 1000, 8))
except MemoryError as error:
    print("refused after", len(fill), "tensors:", str(error).split(";")[0])
fill = None
print(torch.ones(1000, 1000).sum())
