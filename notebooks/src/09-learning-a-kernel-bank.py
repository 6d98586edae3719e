# %% [markdown] example={"number": 9, "section": "7.4", "sectionTitle": "Multiple Input and Multiple Output Channels", "url": "https://d2l.ai/chapter_convolutional-neural-networks/channels.html"}
# # 9. Learning a bank of kernels
#
# *Dive into Deep Learning*, section [7.4 Multiple Input and Multiple Output Channels](https://d2l.ai/chapter_convolutional-neural-networks/channels.html), with a kernel bank learned as section 7.2.4 learns one kernel.
#
# A layer with $c_i$ input and $c_o$ output channels holds a **4-D kernel**, one 3-D kernel of shape
# $c_i \times k_h \times k_w$ per output channel (notebook 6). Here a hidden bank of shape
# (3, 2, 3, 3) makes output images from input images; an `nn.Conv2d` that sees only the input/output
# pairs learns all 18 of its 3×3 kernels at once. The grid pictures show the kernels converging.

# %%
import torch
from torch import nn
from torch.nn import functional as F

# %% [markdown]
# The hidden bank: output channel 0 finds vertical edges in input channel 0, output channel 1
# horizontal edges in input channel 1, output channel 2 blurs both channels and adds them.

# %%
edge = torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])
blur = torch.ones((3, 3)) / 9
zero = torch.zeros((3, 3))
K = torch.stack((torch.stack((edge, zero)),
                 torch.stack((zero, edge.t())),
                 torch.stack((blur, blur))))
print(K.shape)
kernels(K, title="the hidden bank K: 3 output × 2 input channels", cmap="diverging", vmin=-2, vmax=2)

# %% [markdown]
# Training data: 16 random two-channel images `X` and what the hidden bank makes of them, `Y`.

# %%
torch.manual_seed(0)
X = torch.randn(16, 2, 12, 12)
Y = F.conv2d(X, K)
print(X.shape, Y.shape)

# %% [markdown]
# A layer with the same shape starts from PyTorch's random initialisation. Each epoch computes the mean
# squared error between its output and `Y` and takes one Adam step; the grid is drawn at a few epochs,
# on the colour scale of the hidden bank's picture.

# %%
conv = nn.Conv2d(2, 3, kernel_size=3, bias=False)
optimizer = torch.optim.Adam(conv.parameters(), lr=0.05)
losses = []
for epoch in range(1, 121):
    optimizer.zero_grad()
    l = F.mse_loss(conv(X), Y)
    l.backward()
    optimizer.step()
    losses.append(l.item())
    if epoch in (1, 10, 30, 120):
        kernels(conv.weight.detach(), title=f"learned bank after epoch {epoch}", cmap="diverging", vmin=-2, vmax=2)
    if epoch % 20 == 0:
        print(f'epoch {epoch}, loss {l.item():.6f}')

# %%
plot(losses, title="mean squared error per epoch", xlabel="epoch", ylabel="loss", logy=True)

# %% [markdown]
# The learned bank next to the hidden one, and the largest difference between them:

# %%
kernels(conv.weight.detach() - K, title="learned − hidden: all close to 0", cmap="diverging", vmin=-1, vmax=1)
error = (conv.weight.detach() - K).abs().max().item()
assert error < 0.05
print(f"largest difference: {error:.4f}")
