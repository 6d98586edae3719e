X = torch.arange(16.0).reshape(1, 1, 4, 4)
K = torch.tensor([[[[1.0, -1.0]]]])
Y = torch.nn.functional.conv2d(X, K, padding=(0, 1), stride=1)
Y[0, 0, 1:3, ::2] -= X[..., :2, -2:].sum(dim=(2, 3), keepdim=True) @ torch.ones(1, 1, 1, 2)
with torch.no_grad():
    Y.data[:] = Y.clamp(min=0.0)
assert Y.shape == (1, 1, 4, 5), "shape"
del X; x = -1e-3; y = 0x1F + 0o7 + 0b1 + 1_000 + .5 + 5. + 1e10
