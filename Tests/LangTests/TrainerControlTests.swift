import Foundation
import Lang
import Synchronization
import Testing

/// d2l's `Trainer` stopped by an interrupt (promptly, the model left as after its last finished step, the
/// cell saying where) and its progress line per epoch for headless hosts.
@Suite("d2l.Trainer: interrupt within one batch, a progress line per epoch")
struct TrainerControlTests {
    /// A small slice of the real Fashion-MNIST and the ReLU/max-pool LeNet, ready for `trainer.fit(model, data)`.
    static let setup = """
        import time
        import torch
        from torch import nn
        from d2l import torch as d2l
        torch.manual_seed(0)
        class Small(d2l.DataModule):
            def __init__(self, batch_size=16, train_size=512, val_size=64):
                super().__init__()
                self.save_hyperparameters()
                full = d2l.FashionMNIST(batch_size=batch_size)
                self.train = torch.utils.data.Subset(full.train, list(range(train_size)))
                self.val = torch.utils.data.Subset(full.val, list(range(val_size)))
            def get_dataloader(self, train):
                data = self.train if train else self.val
                return torch.utils.data.DataLoader(data, self.batch_size, shuffle=train)
        class LeNet(d2l.Classifier):
            def __init__(self, lr=0.1, num_classes=10):
                super().__init__()
                self.save_hyperparameters()
                self.net = nn.Sequential(
                    nn.LazyConv2d(6, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
                    nn.LazyConv2d(16, kernel_size=5), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
                    nn.Flatten(), nn.LazyLinear(120), nn.ReLU(), nn.LazyLinear(84), nn.ReLU(),
                    nn.LazyLinear(num_classes))
        data = Small()
        model = LeNet()
        model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
        """

    /// Runs `code` in `session` and interrupts it once `started` holds (polled), repeating the request until
    /// the cell ends; returns the result and the time from the first request to the cell's end.
    static func interrupting(
        _ session: Session, _ code: String, after delay: Double
    ) -> (CellResult, Duration?) {
        let flag = session.interruptFlag
        let firstSet = Mutex<ContinuousClock.Instant?>(nil)
        let finished = Atomic<Bool>(false)
        let interrupter = Thread {
            Thread.sleep(forTimeInterval: delay)
            while !finished.load(ordering: .acquiring) {
                firstSet.withLock { $0 = $0 ?? .now }
                flag.set()
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        interrupter.start()
        let result = session.run(Source.cell(2, text: code))
        let stopped = ContinuousClock.now
        finished.store(true, ordering: .releasing)
        return (result, firstSet.withLock { $0 }.map { stopped - $0 })
    }

    @Test("an interrupt stops trainer.fit within one batch and the KeyboardInterrupt says where")
    func interruptFit() {
        let session = Session()
        let setup = session.run(Self.setup)
        #expect(setup.succeeded, "\(setup.error?.description ?? "")")
        let (result, latency) = Self.interrupting(
            session, "trainer = d2l.Trainer(max_epochs=50)\ntrainer.fit(model, data)", after: 1.5)
        #expect(result.error?.name == .keyboardInterrupt)
        let message = result.error?.message ?? ""
        #expect(
            message.wholeMatch(
                of:
                    /stopped in epoch \d+ of 50, (before its first batch|in batch \d+ of 32 before its step|after the step of batch \d+ of 32|validating \(batch \d+ of 4\)|after its last batch): the model is as after .*/
            )
                != nil, "\(message)")
        // A debug build with other builds running beside it: generous. The release number is in the report.
        #expect(latency.map { $0 < .seconds(1) } == true, "\(String(describing: latency))")
        // The session goes on: the note is gone and the model still evaluates.
        let after = session.run("model(next(iter(data.val_dataloader()))[0]).shape")
        #expect(after.result == "torch.Size([16, 10])", "\(after.error?.description ?? "")")
        let loop = Self.interrupting(session, "while True:\n    pass", after: 0.1).0
        #expect(loop.error?.name == .keyboardInterrupt && loop.error?.message == "")
    }

    @Test("trainer.fit_epoch() called directly clears its note when the epoch ends")
    func fitEpochDirectly() {
        let session = Session()
        #expect(session.run(Self.setup).succeeded)
        // One short epoch (2 training batches), then a loop that the interrupt stops long after it.
        let code = """
            trainer = d2l.Trainer(max_epochs=1)
            trainer.prepare_data(Small(train_size=32, val_size=16))
            trainer.prepare_model(model)
            trainer.optim = model.configure_optimizers()
            trainer.epoch = trainer.train_batch_idx = trainer.val_batch_idx = 0
            trainer.fit_epoch()
            while True:
                pass
            """
        let (result, _) = Self.interrupting(session, code, after: 3)
        #expect(result.error?.name == .keyboardInterrupt)
        #expect(result.error?.message == "", "the note of the finished epoch is gone: \(result.error?.message ?? "")")
    }

    @Test("an interrupt during a Python optimizer step waits for the step: every parameter got the same updates")
    func stepStaysWhole() {
        let session = Session()
        #expect(session.run(Self.setup).succeeded)
        // A d2l.SGD that sleeps after each parameter, so interrupts land inside its step; it counts the
        // updates of each parameter.
        let optimizer = """
            class CountingSGD(d2l.SGD):
                def step(self):
                    for i, param in enumerate(self.params):
                        param -= self.lr * param.grad
                        self.counts[i] += 1
                        time.sleep(0.02)
            def configure_optimizers():
                opt = CountingSGD(list(model.parameters()), model.lr)
                opt.counts = [0] * len(opt.params)
                model.opt = opt
                return opt
            model.configure_optimizers = configure_optimizers
            """
        #expect(session.run(optimizer).succeeded)
        for attempt in 0..<3 {
            let (result, _) = Self.interrupting(
                session, "trainer = d2l.Trainer(max_epochs=50)\ntrainer.fit(model, data)",
                after: 1.0 + 0.13 * Double(attempt))
            #expect(result.error?.name == .keyboardInterrupt)
            let counts = session.run("print(model.opt.counts)").stdout
            let numbers = counts.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            #expect(numbers.count == 10 && Set(numbers).count == 1 && numbers[0] > 0, "\(counts)")
        }
    }

    @Test("Trainer.fit hands the host one line per epoch with the board's means: train_loss, val_loss, val_acc")
    func progressLines() {
        let lines = Mutex<[String]>([])
        let session = Session(progress: { line in lines.withLock { $0.append(line) } })
        #expect(session.run(Self.setup).succeeded)
        let fit = session.run("trainer = d2l.Trainer(max_epochs=2)\ntrainer.fit(model, data)")
        #expect(fit.succeeded, "\(fit.error?.description ?? "")")
        let printed = lines.withLock { $0 }
        #expect(printed.count == 2, "\(printed)")
        for (index, line) in printed.enumerated() {
            #expect(
                line.wholeMatch(of: /epoch \d\/2  train_loss \d+\.\d{3}  val_loss \d+\.\d{3}  val_acc 0\.\d{3}/)
                    != nil, "\(line)")
            #expect(line.hasPrefix("epoch \(index + 1)/2"))
        }
        // The last val_acc is the mean accuracy of the validation batches, computed again here.
        let check = session.run(
            """
            model.eval()
            with torch.no_grad():
                accs = [float(model.accuracy(model(X), y)) for X, y in data.val_dataloader()]
            print(f'val_acc {sum(accs) / len(accs):.3f}')
            """)
        let expected = check.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!expected.isEmpty && printed.last?.hasSuffix(expected) == true, "\(expected) \(printed)")
        // Without a host asking for them (the page, Jupyter), nothing is printed in the cell.
        #expect(!fit.stdout.contains("epoch 1/2"))
    }
}
