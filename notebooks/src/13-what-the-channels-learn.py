# %% [markdown] example={"number": 13, "section": "7.6", "sectionTitle": "Convolutional Neural Networks (LeNet)", "url": "https://d2l.ai/chapter_convolutional-neural-networks/lenet.html", "quickParameters": {"epochs": 1, "train_subset": 256, "val_subset": 128}}
# # 13. What the channels learn
#
# *Dive into Deep Learning*, section [7.6 Convolutional Neural Networks (LeNet)](https://d2l.ai/chapter_convolutional-neural-networks/lenet.html), training on Fashion-MNIST.
#
# Section 7.4 says what channels are for: each output channel of a convolution learns to respond to
# one pattern, lower layers find local edges and textures, higher layers combine them. Here we stop
# asserting it and look. We train LeNet on the real Fashion-MNIST images (with ReLU and max-pooling,
# the variant that trains quickly), then open it up: the kernels it learned, what one real image
# looks like after each convolution, and which classes it still confuses.

# %%
import torch
from torch import nn
from d2l import torch as d2l

torch.manual_seed(0)

# %% [markdown]
# How long to train. The pictures below come from 10 epochs over all 60,000 training images (a minute
# or a few in a release build, depending on the machine); `convbook run … -p epochs=1 -p
# train_subset=512 -p val_subset=256` trains on a slice, for a quick look.

# %% tags=["parameters"]
epochs = 10
train_subset = None
val_subset = None

# %% [markdown]
# The data, as in the book: `d2l.FashionMNIST` reads the 28 × 28 grey images and their labels (ten
# kinds of clothing), in batches of 128.

# %%
data = d2l.FashionMNIST(batch_size=128)
if train_subset:
    data.train = torch.utils.data.Subset(data.train, list(range(train_subset)))
if val_subset:
    data.val = torch.utils.data.Subset(data.val, list(range(val_subset)))
print(len(data.train), 'training images,', len(data.val), 'validation images')
print(data.text_labels(range(10)))

# %% [markdown]
# LeNet as in section 7.6, with two changes the book suggests in its exercises: ReLU instead of the
# sigmoid and max-pooling instead of average pooling. The first convolution takes `c_i = 1` input
# channel (grey) to `c_o = 6` output channels; the second takes those `c_i = 6` channels to
# `c_o = 16`.

# %%
class LeNet(d2l.Classifier):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2), nn.ReLU(),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), nn.ReLU(),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), nn.ReLU(),
            nn.LazyLinear(84), nn.ReLU(),
            nn.LazyLinear(num_classes))

model = LeNet(lr=0.1)
model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
print(tuple(model.net[0].weight.shape), tuple(model.net[3].weight.shape))

# %% [markdown]
# Training with the book's `d2l.Trainer`: the curves are redrawn as the points arrive (the page
# interrupts between two steps, so stopping leaves a usable model).

# %%
trainer = d2l.Trainer(max_epochs=epochs, num_gpus=1)
trainer.fit(model, data)

# %% [markdown]
# ## The first layer: 6 kernels of 1 × 5 × 5
#
# The first convolution's weight has shape `(c_o, c_i, k_h, k_w) = (6, 1, 5, 5)`: one 5 × 5 kernel
# per output channel, since there is only one input channel. Red is positive, blue negative. After
# training (in the run saved here), most are edge detectors: `out 0` is red above and blue below, so
# it responds where light lies over dark (a horizontal edge); `out 4` is a blue vertical stripe
# between red ones (a dark vertical stroke, or an edge); `out 2` is a red blob that mostly measures
# how bright the patch is. Like the `[1, -1]` kernel of section 7.2, but nobody wrote these by hand.

# %%
kernels(model.net[0].weight.detach(), title="conv 1: 6 learned kernels of 1 × 5 × 5")

# %% [markdown]
# ## One real image, channel by channel
#
# The first validation image (the validation set is not shuffled, so it is always the same one):

# %%
X, y = next(iter(data.val_dataloader()))
image = X[:1]
print(tuple(image.shape), data.text_labels(y[:1]))
show(image[0, 0], title="the input: " + data.text_labels(y[:1])[0] + ", 1 × 28 × 28", cmap="gray")

# %% [markdown]
# After the first convolution and its ReLU: `c_o = 6` feature maps of 28 × 28 (the padding of 2
# keeps the size), one per kernel above. Each map is bright where its kernel's pattern occurs (in the
# run saved here): channels 0 and 1 light up the sole, channel 3 the top outline of the boot,
# channels 4 and 5 its right-hand edge, channel 2 the whole boot.

# %%
Y1 = model.net[:2](image).detach()
print(tuple(Y1.shape))
feature_maps(Y1[0], title="after conv 1 + ReLU: 6 channels of 28 × 28")

# %% [markdown]
# After the second convolution and its ReLU: `c_o = 16` feature maps of 10 × 10. Each of them sums
# over all `c_i = 6` maps of the previous layer (after pooling to 14 × 14), so it responds to
# combinations of the first layer's edges: corners, bars, textures of a part of the image.

# %%
Y2 = model.net[:5](image).detach()
print(tuple(Y2.shape))
feature_maps(Y2[0], title="after conv 2 + ReLU: 16 channels of 10 × 10")

# %% [markdown]
# ## The second layer's kernel bank: 16 × 6 kernels
#
# The second convolution's weight has shape `(c_o, c_i, 5, 5) = (16, 6, 5, 5)`. Each output channel
# owns one **3-D kernel** of shape `6 × 5 × 5`: a row of the grid below, with one 5 × 5 slice for each
# of the 6 input channels. Output channel `o` at a position is the sum over the 6 input channels `i`
# of slice `(o, i)` cross-correlated with input map `i`, plus a bias. A row with strong slices in a
# few columns combines those few first-layer patterns; a column that stays pale is a first-layer
# channel that layer 2 hardly uses.

# %%
kernels(model.net[3].weight.detach(), title="conv 2: 16 × 6 kernels of 5 × 5 (rows c_o, columns c_i)")

# %% [markdown]
# ## What it still confuses
#
# Counting, over the validation images, how often an image of class *row* was predicted as class
# *column*: the diagonal holds the correct answers. One-hot rows of the true and the predicted
# classes, multiplied, count every pair at once.

# %%
confusion = torch.zeros(10, 10)
classes = torch.arange(10)
model.eval()
with torch.no_grad():
    for X, y in data.val_dataloader():
        predicted = model(X).argmax(dim=1)
        truth = (y.reshape(-1, 1) == classes).float()
        guess = (predicted.reshape(-1, 1) == classes).float()
        confusion += truth.T @ guess
accuracy = (confusion * torch.eye(10)).sum() / confusion.sum()
print(int(confusion.sum().item()), 'images')
print(f'validation accuracy {accuracy.item():.3f}')
show(confusion, labels=data.text_labels(range(10)), title="true class (rows) against predicted (columns)")

# %% [markdown]
# The shirts are the hardest (about 7 in 10 right after 10 epochs): a shirt is taken for a t-shirt, a
# pullover or a coat, which at 28 × 28 pixels have the same outline. Sneakers and ankle boots are
# sometimes swapped. Trousers, bags, sandals and ankle boots have shapes of their own and are right
# about 97 times in 100. The features above are local patterns; what tells a shirt from a coat
# (buttons, a collar, the fabric) is barely visible at this size.
