# int32 tensors as PyTorch has them: creation, conversion, printing, promotion, indexing.
# int32_dtype.out is what real PyTorch prints for this program:
#   /work/main/.venv-torch/bin/python Tests/LangTests/Golden/int32_dtype.py > Tests/LangTests/Golden/int32_dtype.out
import torch
x = torch.tensor([1, 2, 3], dtype=torch.int32)
print(x, x.dtype, torch.int32, torch.int, x.int().dtype, x.long().dtype)
print(x + 1, x * torch.tensor(2), x + torch.tensor([1, 2, 3]), (x + torch.tensor([1, 2, 3])).dtype)
print(x + 1.5, x * 2.0, x / 2, x // 2, -x, (-x).abs(), x @ x)
print(x.sum(), x.sum().dtype, x.max(), x.argmax(), x.float(), x.long(), x.clamp(max=2))
print(torch.arange(4).int(), torch.arange(4).to(torch.int32), torch.zeros(2, 3, dtype=torch.int32))
print(torch.tensor([5., 6., 7., 8.])[x], x == 2, x < 2.5, x.tolist(), x[0], x[0].item())
print(torch.tensor([2**31 + 5]).int(), torch.cat([x, x]), torch.stack([x, x]).shape, torch.tensor([], dtype=torch.int32))
y = x.clone()
y[1] = 7
y += 1
y += torch.tensor([10, 20, 30])
print(y, torch.tensor([[1, 2], [3, 4]], dtype=torch.int32).sum(dim=0), torch.tensor([7, 8, 9])[x - 1])
