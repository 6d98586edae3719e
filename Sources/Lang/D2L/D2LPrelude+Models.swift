extension D2LPrelude {
    /// The models and helpers the LeNet and modern-CNN chapters save with `#@save`:
    /// `SoftmaxRegression`, `init_cnn`, `LeNet`, `Residual`, `ResNeXtBlock`.
    static let models = #"""
        class SoftmaxRegression(Classifier):
            """The softmax regression model."""
            def __init__(self, num_outputs, lr):
                super().__init__()
                self.save_hyperparameters()
                self.net = nn.Sequential(nn.Flatten(),
                                         nn.LazyLinear(num_outputs))

            def forward(self, X):
                return self.net(X)


        def init_cnn(module):
            """Initialize weights for CNNs."""
            if type(module) == nn.Linear or type(module) == nn.Conv2d:
                nn.init.xavier_uniform_(module.weight)


        class LeNet(Classifier):
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


        class Residual(nn.Module):
            """The Residual block of ResNet models."""
            def __init__(self, num_channels, use_1x1conv=False, strides=1):
                super().__init__()
                self.conv1 = nn.LazyConv2d(num_channels, kernel_size=3, padding=1,
                                           stride=strides)
                self.conv2 = nn.LazyConv2d(num_channels, kernel_size=3, padding=1)
                if use_1x1conv:
                    self.conv3 = nn.LazyConv2d(num_channels, kernel_size=1,
                                               stride=strides)
                else:
                    self.conv3 = None
                self.bn1 = nn.LazyBatchNorm2d()
                self.bn2 = nn.LazyBatchNorm2d()

            def forward(self, X):
                Y = F.relu(self.bn1(self.conv1(X)))
                Y = self.bn2(self.conv2(Y))
                if self.conv3:
                    X = self.conv3(X)
                Y += X
                return F.relu(Y)


        class ResNeXtBlock(nn.Module):
            """The ResNeXt block."""
            def __init__(self, num_channels, groups, bot_mul, use_1x1conv=False,
                         strides=1):
                super().__init__()
                bot_channels = int(round(num_channels * bot_mul))
                self.conv1 = nn.LazyConv2d(bot_channels, kernel_size=1, stride=1)
                self.conv2 = nn.LazyConv2d(bot_channels, kernel_size=3,
                                           stride=strides, padding=1,
                                           groups=bot_channels//groups)
                self.conv3 = nn.LazyConv2d(num_channels, kernel_size=1, stride=1)
                self.bn1 = nn.LazyBatchNorm2d()
                self.bn2 = nn.LazyBatchNorm2d()
                self.bn3 = nn.LazyBatchNorm2d()
                if use_1x1conv:
                    self.conv4 = nn.LazyConv2d(num_channels, kernel_size=1,
                                               stride=strides)
                    self.bn4 = nn.LazyBatchNorm2d()
                else:
                    self.conv4 = None

            def forward(self, X):
                Y = F.relu(self.bn1(self.conv1(X)))
                Y = F.relu(self.bn2(self.conv2(Y)))
                Y = self.bn3(self.conv3(Y))
                if self.conv4:
                    X = self.bn4(self.conv4(X))
                return F.relu(Y + X)
        """#
}
