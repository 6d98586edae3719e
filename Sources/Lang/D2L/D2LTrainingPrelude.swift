/// The data and training side of d2l's `torch.py` (d2l 1.0.3), run as Python right after
/// ``D2LPrelude``: `DataModule`, `FashionMNIST`, `Trainer`, `SGD` and `ProgressBoard.draw`, whose
/// training curves are one live figure redrawn in place (``LiveFigure``) instead of matplotlib frames.
///
/// The text follows d2l's own. What differs: `Trainer(num_gpus=1)` trains on the CPU and says so once
/// per session; `ProgressBoard.draw` hands its lines to the native `_LivePlot`; `visualize` draws with
/// `show(X, labels=…)`. `Trainer.fit` keeps each optimizer step whole when interrupted, says where it
/// stopped in the `KeyboardInterrupt`, and hands a line per epoch to a headless host
/// (``Interpreter/defineTrainingControl(in:)``).
enum D2LTrainingPrelude {
    /// The prelude as a source, named as its frames appear in tracebacks.
    static let source = Source(name: "File \"d2l/torch.py\"", text: text)

    /// The parsed statements, shared by every session.
    static let statements: [Stmt] = Parser.parse(source).statements

    /// The Python text.
    static let text = #"""
        import torchvision
        from torchvision import transforms


        def _board_draw(self, x, y, label, every_n=1):
            """Average every_n points of a line, then redraw the board's live figure."""
            if not hasattr(self, 'raw_points'):
                self.raw_points = {}
                self.data = {}
                self.live = _LivePlot()
                self.epoch_values = {}
            if label not in self.raw_points:
                self.raw_points[label] = []
                self.data[label] = []
                self.epoch_values[label] = []
            self.epoch_values[label].append(float(y))
            points = self.raw_points[label]
            line = self.data[label]
            points.append((float(x), float(y)))
            if len(points) != every_n:
                return
            line.append((sum(p[0] for p in points) / len(points),
                         sum(p[1] for p in points) / len(points)))
            points.clear()
            if not self.display:
                return
            labels = [k for k in self.data if self.data[k]]
            self.live.draw([[p[0] for p in self.data[k]] for k in labels],
                           [[p[1] for p in self.data[k]] for k in labels],
                           xlabel=self.xlabel, ylabel=self.ylabel, legend=labels,
                           xscale=self.xscale, yscale=self.yscale)


        ProgressBoard.draw = _board_draw


        class DataModule(HyperParameters):
            """The base class of data."""
            def __init__(self, root='../data', num_workers=4):
                self.save_hyperparameters()

            def get_dataloader(self, train):
                raise NotImplementedError

            def train_dataloader(self):
                return self.get_dataloader(train=True)

            def val_dataloader(self):
                return self.get_dataloader(train=False)

            def get_tensorloader(self, tensors, train, indices=slice(0, None)):
                tensors = tuple(a[indices] for a in tensors)
                dataset = torch.utils.data.TensorDataset(*tensors)
                return torch.utils.data.DataLoader(dataset, self.batch_size,
                                                   shuffle=train)


        class FashionMNIST(DataModule):
            """The Fashion-MNIST dataset."""
            def __init__(self, batch_size=64, resize=(28, 28)):
                super().__init__()
                self.save_hyperparameters()
                trans = transforms.Compose([transforms.Resize(resize),
                                            transforms.ToTensor()])
                self.train = torchvision.datasets.FashionMNIST(
                    root=self.root, train=True, transform=trans, download=True)
                self.val = torchvision.datasets.FashionMNIST(
                    root=self.root, train=False, transform=trans, download=True)

            def text_labels(self, indices):
                """Return text labels."""
                labels = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat',
                          'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot']
                return [labels[int(i)] for i in indices]

            def get_dataloader(self, train):
                data = self.train if train else self.val
                return torch.utils.data.DataLoader(data, self.batch_size, shuffle=train,
                                                   num_workers=self.num_workers)

            def visualize(self, batch, nrows=1, ncols=8, labels=[]):
                """A labelled grid of the batch's first nrows * ncols images."""
                X, y = batch
                if not labels:
                    labels = self.text_labels(y)
                n = min(nrows * ncols, len(X))
                show(X[:n], labels=labels[:n])


        class Trainer(HyperParameters):
            """The base class for training models with data."""
            _said_cpu = [False]

            def __init__(self, max_epochs, num_gpus=0, gradient_clip_val=0):
                self.save_hyperparameters()
                self.gpus = []
                if num_gpus > 0 and not Trainer._said_cpu[0]:
                    Trainer._said_cpu[0] = True
                    print('No GPU here: training on the CPU.')

            def prepare_data(self, data):
                self.train_dataloader = data.train_dataloader()
                self.val_dataloader = data.val_dataloader()
                self.num_train_batches = len(self.train_dataloader)
                self.num_val_batches = (len(self.val_dataloader)
                                        if self.val_dataloader is not None else 0)

            def prepare_model(self, model):
                model.trainer = self
                model.board.xlim = [0, self.max_epochs]
                self.model = model

            def fit(self, model, data):
                self.prepare_data(data)
                self.prepare_model(model)
                self.optim = model.configure_optimizers()
                self.epoch = 0
                self.train_batch_idx = 0
                self.val_batch_idx = 0
                try:
                    for self.epoch in range(self.max_epochs):
                        # Between epochs (the progress line, the next epoch's first batch) an
                        # interrupt still says where training stopped.
                        self._note_after_epoch = (
                            f'stopped in epoch {self.epoch + 1} of {self.max_epochs}, after its last batch: '
                            'the model is as after that epoch')
                        self.fit_epoch()
                        _progress(self._epoch_line())
                finally:
                    self._note_after_epoch = None
                    _interrupt_note(None)

            def prepare_batch(self, batch):
                return batch

            def fit_epoch(self):
                # The note says where an interrupt stopped this epoch. It ends with the epoch when the
                # epoch was started directly; inside fit it becomes fit's note for after the epoch.
                try:
                    self._fit_epoch_steps()
                finally:
                    _interrupt_note(getattr(self, '_note_after_epoch', None))

            def _fit_epoch_steps(self):
                self.model.train()
                where = f'stopped in epoch {self.epoch + 1} of {self.max_epochs}'
                n = self.num_train_batches
                _interrupt_note(f'{where}, before its first batch: the model is as after the last finished step')
                for i, batch in enumerate(self.train_dataloader):
                    _interrupt_note(f'{where}, in batch {i + 1} of {n} before its step: '
                                    f'the model is as after the last finished step')
                    loss = self.model.training_step(self.prepare_batch(batch))
                    self.optim.zero_grad()
                    with torch.no_grad():
                        loss.backward()
                        if self.gradient_clip_val > 0:
                            self.clip_gradients(self.gradient_clip_val, self.model)
                        _uninterruptible(self.optim.step)
                    _interrupt_note(f'{where}, after the step of batch {i + 1} of {n}: '
                                    f'the model is as after that step')
                    self.train_batch_idx += 1
                if self.val_dataloader is None:
                    return
                self.model.eval()
                for i, batch in enumerate(self.val_dataloader):
                    _interrupt_note(f'{where}, validating (batch {i + 1} of {self.num_val_batches}): '
                                    'the model is as after the last step of the epoch')
                    with torch.no_grad():
                        self.model.validation_step(self.prepare_batch(batch))
                    self.val_batch_idx += 1

            def _epoch_line(self):
                """'epoch 3/10  train_loss 0.612  val_loss 0.598  val_acc 0.781': each line's mean over the epoch."""
                parts = [f'epoch {self.epoch + 1}/{self.max_epochs}']
                values = getattr(getattr(self.model, 'board', None), 'epoch_values', {})
                for label in values:
                    if values[label]:
                        parts.append(f'{label} {sum(values[label]) / len(values[label]):.3f}')
                    values[label] = []
                return '  '.join(parts)

            def clip_gradients(self, grad_clip_val, model):
                params = [p for p in model.parameters() if p.requires_grad]
                norm = torch.sqrt(sum(torch.sum((p.grad ** 2)) for p in params))
                if norm > grad_clip_val:
                    for param in params:
                        param.grad[:] *= grad_clip_val / norm


        class SGD(HyperParameters):
            """Minibatch stochastic gradient descent."""
            def __init__(self, params, lr):
                self.save_hyperparameters()

            def step(self):
                for param in self.params:
                    param -= self.lr * param.grad

            def zero_grad(self):
                for param in self.params:
                    if param.grad is not None:
                        param.grad.zero_()
        """#
}
