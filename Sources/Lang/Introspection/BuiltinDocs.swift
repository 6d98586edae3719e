/// Signatures and one-line descriptions of the builtins and library functions a learner reaches for,
/// shown when a name is inspected (Shift+Tab in JupyterLab, `?` in a console).
///
/// Keyed by the qualified name (`torch.zeros`, `torch.nn.Conv2d`, `print`); the wording follows
/// PyTorch's and Python's own documentation.
enum BuiltinDocs {
    /// The `Signature:` and `Docstring:` lines an inspection shows for the builtin `key`, if it is documented.
    static func lines(for key: String) -> [String]? {
        entries[key].map { ["Signature: \($0.signature)", "Docstring: \($0.doc)"] }
    }

    static let entries: [String: (signature: String, doc: String)] = [
        "print": (
            "print(*values, sep=' ', end='\\n', file=None, flush=False)",
            "Print the values, separated by sep and followed by end; file=sys.stderr prints to standard error."
        ),
        "len": ("len(obj)", "Return the number of items in a container (the first dimension of a tensor)."),
        "range": (
            "range(stop) / range(start, stop[, step])",
            "The integers from start (default 0) up to, but not including, stop."
        ),
        "zip": ("zip(*iterables)", "Tuples of the items at the same position in each iterable, up to the shortest."),
        "enumerate": ("enumerate(iterable, start=0)", "Pairs (index, item) for each item."),
        "sum": ("sum(iterable, start=0)", "The sum of start and the items (tensors are added elementwise)."),
        "isinstance": (
            "isinstance(obj, class_or_tuple)", "Whether obj is an instance of the class (or one of the classes)."
        ),
        "clear_output": (
            "clear_output(wait=False)",
            "Clear the cell's output; with wait=True, only when new output arrives (no flicker in loops)."
        ),
        "show": (
            "show(x, title=None, cmap=None, annotate=None, vmin=None, vmax=None)",
            "Draw a tensor with the figure that suits its shape: a heatmap (h, w), feature maps (c, h, w), a kernel grid (c_o, c_i, k_h, k_w) or an RGB image."
        ),
        "heatmap": (
            "heatmap(x, title=None, cmap=None, annotate=None, vmin=None, vmax=None)",
            "Draw a 2-D tensor as one heatmap."
        ),
        "feature_maps": (
            "feature_maps(x, title=None, cmap=None, annotate=None, vmin=None, vmax=None, shared_scale=True)",
            "Draw the channels of a (c, h, w) tensor side by side."
        ),
        "kernels": (
            "kernels(weight, title=None, cmap=None, annotate=None, vmin=None, vmax=None, shared_scale=True)",
            "Draw a (c_o, c_i, k_h, k_w) weight as a c_o × c_i grid of kernels."
        ),
        "plot": (
            "plot(ys) / plot(xs, ys) / plot([ys1, ys2], labels=[...]) / plot({'train': l1, 'test': l2})",
            "Draw line plots."
        ),
        "explain_conv": (
            "explain_conv(X, K, title=None)", "Draw input ⋆ kernel = output, with the first window's sum written out."
        ),
        "load_image": (
            "load_image(name)", "A picture from the data folder as a (C, H, W) tensor with values in [0, 1]."
        ),
        "torch.tensor": (
            "torch.tensor(data, dtype=None, requires_grad=False)",
            "A tensor holding a copy of data (nested lists of numbers)."
        ),
        "torch.zeros": (
            "torch.zeros(*size, dtype=None, requires_grad=False)", "A tensor of the given shape filled with 0."
        ),
        "torch.ones": (
            "torch.ones(*size, dtype=None, requires_grad=False)", "A tensor of the given shape filled with 1."
        ),
        "torch.arange": (
            "torch.arange(start=0, end, step=1, dtype=None)",
            "A 1-D tensor of the values from start up to, but not including, end."
        ),
        "torch.rand": ("torch.rand(*size, requires_grad=False)", "Uniform random numbers in [0, 1)."),
        "torch.randn": (
            "torch.randn(*size, requires_grad=False)", "Random numbers from the standard normal distribution."
        ),
        "torch.normal": ("torch.normal(mean, std, size)", "Random numbers from a normal distribution."),
        "torch.stack": ("torch.stack(tensors, dim=0)", "Join tensors of the same shape along a new dimension."),
        "torch.cat": ("torch.cat(tensors, dim=0)", "Join tensors along an existing dimension."),
        "torch.matmul": ("torch.matmul(input, other)", "Matrix product (batched, broadcasting)."),
        "torch.mm": ("torch.mm(input, mat2)", "Matrix product of two 2-D tensors."),
        "torch.conv2d": (
            "torch.conv2d(input, weight, bias=None, stride=1, padding=0)",
            "2-D cross-correlation of an (N, c_i, h, w) input with a (c_o, c_i, k_h, k_w) weight."
        ),
        "torch.no_grad": (
            "torch.no_grad()", "A context (with torch.no_grad(): …) in which operations are not recorded for gradients."
        ),
        "torch.nn.functional.conv2d": (
            "F.conv2d(input, weight, bias=None, stride=1, padding=0)",
            "2-D cross-correlation of an (N, c_i, h, w) input with a (c_o, c_i, k_h, k_w) weight."
        ),
        "torch.nn.functional.max_pool2d": (
            "F.max_pool2d(input, kernel_size, stride=None, padding=0)", "2-D max pooling."
        ),
        "torch.nn.functional.relu": ("F.relu(input)", "max(x, 0) elementwise."),
        "torch.nn.Conv2d": (
            "nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True)",
            "A 2-D convolution layer: weight (c_o, c_i, k_h, k_w) and bias (c_o)."
        ),
        "torch.nn.Linear": (
            "nn.Linear(in_features, out_features, bias=True)", "A fully connected layer: y = x Wᵀ + b."
        ),
        "torch.nn.MaxPool2d": ("nn.MaxPool2d(kernel_size, stride=None, padding=0)", "A 2-D max-pooling layer."),
        "torch.nn.AvgPool2d": ("nn.AvgPool2d(kernel_size, stride=None, padding=0)", "A 2-D average-pooling layer."),
        "torch.nn.Sequential": ("nn.Sequential(*layers)", "Layers applied one after another."),
        "torch.nn.ReLU": ("nn.ReLU()", "max(x, 0) elementwise, as a layer."),
        "torch.nn.MSELoss": ("nn.MSELoss(reduction='mean')", "The mean squared error between input and target."),
        "torch.nn.CrossEntropyLoss": (
            "nn.CrossEntropyLoss(reduction='mean')", "Cross-entropy of logits against class indices."
        ),
        "torch.nn.Parameter": (
            "nn.Parameter(data, requires_grad=True)", "A tensor that a module registers as a learnable parameter."
        ),
        "torch.optim.SGD": ("torch.optim.SGD(params, lr, momentum=0, weight_decay=0)", "Stochastic gradient descent."),
        "torch.optim.Adam": (
            "torch.optim.Adam(params, lr=0.001, betas=(0.9, 0.999), weight_decay=0)", "The Adam optimizer."
        ),
        "d2l.corr2d": ("d2l.corr2d(X, K)", "2-D cross-correlation of a matrix X with a kernel K, the book's loops."),
        "d2l.plot": (
            "d2l.plot(X, Y=None, xlabel=None, ylabel=None, legend=None, xlim=None, ylim=None, …)",
            "The book's line plot."
        ),
    ]
}
