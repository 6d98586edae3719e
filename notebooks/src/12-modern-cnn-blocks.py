# %% [markdown] example={"number": 12, "section": "8.2", "sectionTitle": "Networks Using Blocks (VGG)", "url": "https://d2l.ai/chapter_convolutional-modern/vgg.html"}
# # 12. Modern CNN blocks
#
# *Dive into Deep Learning*, section [8.2 Networks Using Blocks (VGG)](https://d2l.ai/chapter_convolutional-modern/vgg.html)
# and the sections after it (NiN, GoogLeNet, ResNet and ResNeXt, DenseNet).
#
# The modern-CNN chapter builds networks out of **blocks**: small patterns of layers repeated many
# times. Here is each block of the chapter on its own, as the book writes it: the shape that goes in,
# the shape that comes out, and what the feature maps look like.

# %%
import torch
from torch import nn
from torch.nn import functional as F
from d2l import torch as d2l

torch.manual_seed(0)

# %% [markdown]
# One input for all blocks: a 1 × 3 × 32 × 32 picture with a bright disc, vertical stripes and a
# diagonal ramp, one pattern per channel.

# %%
rows = torch.arange(32.0).reshape(32, 1)
cols = torch.arange(32.0).reshape(1, 32)
disc = (((rows - 16) ** 2 + (cols - 12) ** 2) < 64).float()
stripes = ((cols // 4) % 2 == 0).float() * torch.ones(32, 1)
ramp = (rows + cols) / 62
X = torch.stack([disc, stripes, ramp]).unsqueeze(0)
feature_maps(X[0], title="input: 3 channels of 32 × 32")

def show(name, block, X, channels=8):
    """Prints the block's input and output shapes and draws its first output channels."""
    Y = block(X)
    print(name, tuple(X.shape), '->', tuple(Y.shape))
    return feature_maps(Y[0, :channels].detach(), title=name + ": first output channels")

# %% [markdown]
# **VGG block** (section 8.2): `num_convs` 3 × 3 convolutions with padding 1 keep the size, then a
# 2 × 2 max pooling halves it.

# %%
def vgg_block(num_convs, out_channels):
    layers = []
    for _ in range(num_convs):
        layers.append(nn.LazyConv2d(out_channels, kernel_size=3, padding=1))
        layers.append(nn.ReLU())
    layers.append(nn.MaxPool2d(kernel_size=2,stride=2))
    return nn.Sequential(*layers)

show("VGG block", vgg_block(2, 16), X)

# %% [markdown]
# **NiN block** (section 8.3): one ordinary convolution followed by two 1 × 1 convolutions, which act
# as a small fully connected network at every pixel.

# %%
def nin_block(out_channels, kernel_size, strides, padding):
    return nn.Sequential(
        nn.LazyConv2d(out_channels, kernel_size, strides, padding), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU())

show("NiN block", nin_block(16, kernel_size=5, strides=2, padding=2), X)

# %% [markdown]
# **Inception block** (section 8.4): four branches with different receptive fields, their outputs
# concatenated along the channels: 8 + 16 + 4 + 4 = 32 channels.

# %%
class Inception(nn.Module):
    # c1--c4 are the number of output channels for each branch
    def __init__(self, c1, c2, c3, c4, **kwargs):
        super(Inception, self).__init__(**kwargs)
        # Branch 1
        self.b1_1 = nn.LazyConv2d(c1, kernel_size=1)
        # Branch 2
        self.b2_1 = nn.LazyConv2d(c2[0], kernel_size=1)
        self.b2_2 = nn.LazyConv2d(c2[1], kernel_size=3, padding=1)
        # Branch 3
        self.b3_1 = nn.LazyConv2d(c3[0], kernel_size=1)
        self.b3_2 = nn.LazyConv2d(c3[1], kernel_size=5, padding=2)
        # Branch 4
        self.b4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.b4_2 = nn.LazyConv2d(c4, kernel_size=1)

    def forward(self, x):
        b1 = F.relu(self.b1_1(x))
        b2 = F.relu(self.b2_2(F.relu(self.b2_1(x))))
        b3 = F.relu(self.b3_2(F.relu(self.b3_1(x))))
        b4 = F.relu(self.b4_2(self.b4_1(x)))
        return torch.cat((b1, b2, b3, b4), dim=1)

show("Inception", Inception(8, (8, 16), (2, 4), 4), X)

# %% [markdown]
# **Residual block** (section 8.6, `d2l.Residual`): two 3 × 3 convolutions with batch normalization,
# and the input added back. Without a 1 × 1 convolution on the shortcut the output has the input's
# shape (so the block needs as many channels as its input)...

# %%
blk = d2l.Residual(3)
show("Residual", blk, X, channels=3)

# %% [markdown]
# ...with `use_1x1conv=True` and a stride of 2, the shortcut is a strided 1 × 1 convolution, so the
# block can change the number of channels and halve the size.

# %%
blk = d2l.Residual(16, use_1x1conv=True, strides=2)
show("Residual, 1 × 1 shortcut", blk, X)

# %% [markdown]
# **ResNeXt block** (section 8.6, `d2l.ResNeXtBlock`): the middle 3 × 3 convolution is **grouped**:
# with `g` groups, each output channel sees only its group's input channels, which divides the cost
# by `g`. d2l's block makes `bot_channels // groups` groups: here 32 // 16 = 2, so the middle
# convolution's weight has 16 input channels per output channel instead of 32.

# %%
blk = d2l.ResNeXtBlock(32, 16, 1, 1)
show("ResNeXt", blk, X)
print(blk.conv2.__class__.__name__, blk.conv2.groups, tuple(blk.conv2.weight.shape))

# %% [markdown]
# **Dense block** (section 8.7): each convolution block's output is concatenated to its input, so
# the channels grow by `num_channels` per convolution: 3 + 2 × 10 = 23.

# %%
def conv_block(num_channels):
    return nn.Sequential(
        nn.LazyBatchNorm2d(), nn.ReLU(),
        nn.LazyConv2d(num_channels, kernel_size=3, padding=1))

class DenseBlock(nn.Module):
    def __init__(self, num_convs, num_channels):
        super(DenseBlock, self).__init__()
        layer = []
        for i in range(num_convs):
            layer.append(conv_block(num_channels))
        self.net = nn.Sequential(*layer)

    def forward(self, X):
        for blk in self.net:
            Y = blk(X)
            # Concatenate input and output of each block along the channels
            X = torch.cat((X, Y), dim=1)
        return X

show("Dense block", DenseBlock(2, 10), X)

# %% [markdown]
# A **transition block** follows each dense block: a 1 × 1 convolution cuts the channels and average
# pooling halves the size.

# %%
def transition_block(num_channels):
    return nn.Sequential(
        nn.LazyBatchNorm2d(), nn.ReLU(),
        nn.LazyConv2d(num_channels, kernel_size=1),
        nn.AvgPool2d(kernel_size=2, stride=2))

show("Transition", nn.Sequential(DenseBlock(2, 10), transition_block(10)), X)
