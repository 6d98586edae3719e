/// The part of the d2l package (`d2l/torch.py`, d2l 1.0.3) that Convbook runs as Python: the
/// class framework the book builds its models on (`d2l.Module`, `d2l.Classifier`,
/// `add_to_class`) and the models and helpers the chapters save with `#@save`. The text follows
/// d2l's own, so the book's code meets the same methods; `save_hyperparameters` is native (it
/// reads the calling frame, which d2l does with `inspect`).
///
/// It is parsed once per process and run once per session, on the session's first
/// `import d2l` (see ``Interpreter/loadD2L()``). Tracebacks through it show `d2l/torch.py`.
///
/// The text comes in parts, run in order: ``framework`` here, the saved models in
/// `D2LPrelude+Models.swift`. The data side (`DataModule`, `FashionMNIST`, `Trainer`, `SGD`, and
/// `ProgressBoard.draw`'s live plots) is ``D2LTrainingPrelude``, run right after this one.
enum D2LPrelude {
    /// The prelude as a source, named as its frames appear in tracebacks.
    static let source = Source(name: "File \"d2l/torch.py\"", text: text)

    /// The parsed statements, shared by every session (syntax trees are immutable).
    static let statements: [Stmt] = Parser.parse(source).statements

    /// The parts in the order they run (a later part may use what an earlier one defined).
    static let parts = [framework, models]

    /// The Python text: the parts, one after another.
    static let text = parts.joined(separator: "\n\n")

    /// d2l's class framework: `add_to_class`, `HyperParameters`, `ProgressBoard`, `Module`, `Classifier`.
    static let framework = #"""
        """Convbook's d2l: the d2l.torch framework classes and the models the chapters save."""
        nn_Module = nn.Module


        def add_to_class(Class):
            """Register functions as methods in created class."""
            def wrapper(obj):
                setattr(Class, obj.__name__, obj)
            return wrapper


        class HyperParameters:
            """The base class of hyperparameters."""
            save_hyperparameters = _save_hyperparameters


        class ProgressBoard(HyperParameters):
            """The board that plots data points in animation."""
            def __init__(self, xlabel=None, ylabel=None, xlim=None,
                         ylim=None, xscale='linear', yscale='linear',
                         ls=['-', '--', '-.', ':'], colors=['C0', 'C1', 'C2', 'C3'],
                         fig=None, axes=None, figsize=(3.5, 2.5), display=True):
                self.save_hyperparameters()


        class Module(nn_Module):
            """The base class of models."""
            save_hyperparameters = _save_hyperparameters

            def __init__(self, plot_train_per_epoch=2, plot_valid_per_epoch=1):
                super().__init__()
                self.save_hyperparameters()
                self.board = ProgressBoard()

            def loss(self, y_hat, y):
                raise NotImplementedError

            def forward(self, X):
                assert hasattr(self, 'net'), 'Neural network is defined'
                return self.net(X)

            def plot(self, key, value, train):
                """Plot a point in animation."""
                assert hasattr(self, 'trainer'), 'Trainer is not inited'
                self.board.xlabel = 'epoch'
                if train:
                    x = self.trainer.train_batch_idx / \
                        self.trainer.num_train_batches
                    n = self.trainer.num_train_batches / \
                        self.plot_train_per_epoch
                else:
                    x = self.trainer.epoch + 1
                    n = self.trainer.num_val_batches / \
                        self.plot_valid_per_epoch
                self.board.draw(x, d2l.numpy(d2l.to(value, d2l.cpu())),
                                ('train_' if train else 'val_') + key,
                                every_n=int(n))

            def training_step(self, batch):
                l = self.loss(self(*batch[:-1]), batch[-1])
                self.plot('loss', l, train=True)
                return l

            def validation_step(self, batch):
                l = self.loss(self(*batch[:-1]), batch[-1])
                self.plot('loss', l, train=False)

            def configure_optimizers(self):
                return torch.optim.SGD(self.parameters(), lr=self.lr)

            def apply_init(self, inputs, init=None):
                self.forward(*inputs)
                if init is not None:
                    self.net.apply(init)


        class Classifier(Module):
            """The base class of classification models."""
            def validation_step(self, batch):
                Y_hat = self(*batch[:-1])
                self.plot('loss', self.loss(Y_hat, batch[-1]), train=False)
                self.plot('acc', self.accuracy(Y_hat, batch[-1]), train=False)

            def accuracy(self, Y_hat, Y, averaged=True):
                """Compute the number of correct predictions."""
                Y_hat = d2l.reshape(Y_hat, (-1, Y_hat.shape[-1]))
                preds = d2l.astype(d2l.argmax(Y_hat, axis=1), Y.dtype)
                compare = d2l.astype(preds == d2l.reshape(Y, -1), d2l.float32)
                return d2l.reduce_mean(compare) if averaged else compare

            def loss(self, Y_hat, Y, averaged=True):
                Y_hat = d2l.reshape(Y_hat, (-1, Y_hat.shape[-1]))
                Y = d2l.reshape(Y, (-1,))
                return F.cross_entropy(
                    Y_hat, Y, reduction='mean' if averaged else 'none')

            def layer_summary(self, X_shape):
                X = d2l.randn(*X_shape)
                for layer in self.net:
                    X = layer(X)
                    print(layer.__class__.__name__, 'output shape:\t', X.shape)
        """#
}
