# %% [markdown] example={"number": 11, "section": "7.6", "sectionTitle": "Convolutional Neural Networks (LeNet)", "url": "https://d2l.ai/chapter_convolutional-neural-networks/lenet.html"}
# # 11. LeNet, layer by layer
#
# *Dive into Deep Learning*, section [7.6 Convolutional Neural Networks (LeNet)](https://d2l.ai/chapter_convolutional-neural-networks/lenet.html).
#
# LeNet-5 puts together everything of this chapter: two convolution blocks (convolution, sigmoid,
# average pooling) extract features from a 28 × 28 image, then three fully connected layers turn
# them into 10 class scores. Here we build it exactly as the book does, with `d2l.Classifier` and lazy
# layers, and follow one image through it.

# %%
import torch
from torch import nn
from d2l import torch as d2l

torch.manual_seed(0)

# %% [markdown]
# The model, as in the book. The lazy layers (`LazyConv2d`, `LazyLinear`) do not know their input
# size yet: it is inferred at the first forward pass. `save_hyperparameters()` stores `lr` and
# `num_classes` as attributes.

# %%
class LeNet(d2l.Classifier):
    """The LeNet-5 model."""
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), nn.Sigmoid(),
            nn.LazyLinear(84), nn.Sigmoid(),
            nn.LazyLinear(num_classes))

model = LeNet()
print(model.lr, model.num_classes)

# %% [markdown]
# `layer_summary` (a method `d2l.add_to_class` attached to `d2l.Classifier`) sends a random
# 1 × 1 × 28 × 28 batch through the layers and prints each one's output shape. The padding of 2 keeps
# the first convolution at 28 × 28; each pooling halves the height and width; `Flatten` turns the
# 16 × 5 × 5 feature maps into 400 numbers.

# %%
model.layer_summary((1, 1, 28, 28))

# %% [markdown]
# Now every layer has its weights. The book initialises them with Xavier-uniform
# (`d2l.init_cnn`, applied to every `Linear` and `Conv2d`):

# %%
X = torch.zeros(1, 1, 28, 28)
X[0, 0, 5:8, 6:22] = 1.0
for row in range(8, 24):
    column = 21 - (row - 8) // 2
    X[0, 0, row, column - 1:column + 1] = 1.0
model.apply_init([X], d2l.init_cnn)
heatmap(X[0, 0], title="the input: a hand-drawn 7, 28 × 28")

# %% [markdown]
# Where the 61,706 parameters are: almost all of them in the first fully connected layer
# (400 × 120 weights).

# %%
for layer in model.net:
    count = sum(p.numel() for p in layer.parameters())
    if count:
        print(layer.__class__.__name__, tuple(layer.weight.shape), count)
print('total', sum(p.numel() for p in model.parameters()))

# %% [markdown]
# The first layer's six 5 × 5 kernels, freshly initialised (training, in the next section of the book,
# turns them into edge and stroke detectors):

# %%
kernels(model.net[0].weight.detach(), title="conv 1: 6 kernels of 1 × 5 × 5")

# %% [markdown]
# The 7 after the first block (convolution, sigmoid, pooling), one map per kernel; a slice of the
# `Sequential` is itself a `Sequential`:

# %%
block1 = model.net[:3]
Y1 = block1(X)
print(block1.__class__.__name__, len(block1), tuple(Y1.shape))
feature_maps(Y1[0].detach(), title="after block 1: 6 × 14 × 14")

# %%
Y2 = model.net[3:6](Y1)
print(tuple(Y2.shape))
feature_maps(Y2[0].detach(), title="after block 2: 16 × 5 × 5")

# %% [markdown]
# And the ten class scores of the untrained network (the predicted class is a guess until it is trained):

# %%
scores = model(X)
print(tuple(scores.shape), scores.argmax(dim=1).item() in range(10))
