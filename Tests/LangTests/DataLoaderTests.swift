import Foundation
import Lang
import Synchronization
import Testing

/// `torchvision.datasets.FashionMNIST`, `transforms`, `torch.utils.data` and d2l's data and training
/// classes on the real Fashion-MNIST, checked against numbers PyTorch computed from the same files
/// (`Golden/fashion_mnist_reference.json`, written by `Golden/fashion_mnist_reference.py`).
@Suite("Data: Fashion-MNIST, transforms, DataLoader, d2l.Trainer")
struct DataLoaderTests {
    static var reference: [String: Any] {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Golden/fashion_mnist_reference.json"),
            let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }

    static func number(_ key: String) -> Double { (reference[key] as? NSNumber)?.doubleValue ?? .nan }

    /// The last printed line of `code` run in a fresh session, as a float (or `nil` on failure).
    static func value(_ session: Session, _ code: String) -> Double? {
        let result = session.run(code)
        guard result.succeeded, let line = result.stdout.split(separator: "\n").last else {
            Issue.record("\(result.error?.description ?? result.stdout)")
            return nil
        }
        return Double(line)
    }

    static let setup = """
        import torch
        import torchvision
        from torchvision import transforms
        from torch.utils import data
        """

    @Test("torchvision's FashionMNIST reads the local copy: sizes, labels, ToTensor values")
    func dataset() throws {
        let session = Session()
        let result = session.run(
            Self.setup + """

                train = torchvision.datasets.FashionMNIST(root='../data', train=True, transform=transforms.ToTensor(), download=True)
                val = torchvision.datasets.FashionMNIST(root='../data', train=False, transform=transforms.ToTensor())
                print(len(train), len(val))
                print([train[i][1] for i in range(8)])
                x, y = train[0]
                print(x.shape, x.dtype, type(y).__name__)
                print(float(x.sum()))
                """)
        #expect(result.succeeded, "\(result.error?.description ?? "")")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(Int(Self.number("train_count"))) \(Int(Self.number("val_count")))")
        let labels = (Self.reference["first_labels"] as? [Int]) ?? []
        #expect(lines.dropFirst().first == "[" + labels.map(String.init).joined(separator: ", ") + "]")
        #expect(lines.dropFirst(2).first == "torch.Size([1, 28, 28]) torch.float32 int")
        #expect(abs((Double(lines.last ?? "") ?? .nan) - Self.number("first_image_sum")) < 1e-3)
    }

    @Test("DataLoader batches in order, shuffles from the session's seed, counts batches as PyTorch does")
    func loader() throws {
        let session = Session()
        let code =
            Self.setup + """

                train = torchvision.datasets.FashionMNIST(root='.', train=True, transform=transforms.ToTensor())
                loader = data.DataLoader(train, batch_size=128, shuffle=False, num_workers=4)
                X, y = next(iter(loader))
                print(X.shape, y.shape, y.dtype, len(loader), len(data.DataLoader(train, 128, drop_last=True)))
                print(int(y.sum()))
                print(float(X.mean()))
                """
        let result = session.run(code)
        #expect(result.succeeded, "\(result.error?.description ?? "")")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "torch.Size([128, 1, 28, 28]) torch.Size([128]) torch.int64 469 468")
        #expect(lines.dropFirst().first == String(Int(Self.number("first_batch_label_sum"))))
        #expect(abs((Double(lines.last ?? "") ?? .nan) - Self.number("first_batch_mean")) < 1e-5)
        // Shuffled: every image once per pass, a different order each pass, the same for the same seed.
        let shuffled = """
            torch.manual_seed(3)
            counts = torch.zeros(10)
            loader = data.DataLoader(train, batch_size=1000, shuffle=True)
            firsts = []
            for X, y in loader:
                for c in range(10):
                    counts[c] += int((y == c).sum())
                firsts.append(int(y[0]))
            print(counts.tolist() == [6000.0] * 10, firsts[:5] != [int(v) for v in train.targets[0:5000:1000]])
            torch.manual_seed(3)
            a = next(iter(loader))[1][:10].tolist()
            c = next(iter(loader))[1][:10].tolist()
            torch.manual_seed(3)
            b = next(iter(loader))[1][:10].tolist()
            print(a == b, a != c)
            """
        let second = session.run(shuffled)
        #expect(second.stdout == "True True\nTrue True\n", "\(second.error?.description ?? second.stdout)")
    }

    @Test("Resize (bilinear, upsampling), Normalize and Compose give torchvision's numbers")
    func transforms() throws {
        let session = Session()
        let resized = Self.value(
            session,
            Self.setup + """

                t = transforms.Compose([transforms.Resize((56, 56)), transforms.ToTensor()])
                train = torchvision.datasets.FashionMNIST(root='.', train=True, transform=t)
                x = train[0][0]
                print(x.shape)
                print([round(float(v), 6) for v in x[0, 28, 20:24]])
                print(float(x.sum()))
                """)
        #expect(abs((resized ?? .nan) - Self.number("resized_56_sum")) < 0.05)
        let row = session.run("print([round(float(v), 6) for v in x[0, 28, 20:24]])").stdout
        let expected = (Self.reference["resized_56_row"] as? [Double]) ?? []
        let got = row.trimmingCharacters(in: CharacterSet(charactersIn: "[]\n")).split(separator: ",").compactMap {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        #expect(got.count == expected.count && zip(got, expected).allSatisfy { abs($0 - $1) < 1e-4 }, "\(got)")
        let normalized = Self.value(
            session,
            """
            n = torchvision.datasets.FashionMNIST(root='.', transform=transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.2860,), (0.3530,))]))
            print(float(n[0][0].sum()))
            """)
        #expect(abs((normalized ?? .nan) - Self.number("normalized_sum")) < 0.01)
    }

    @Test("TensorDataset, random_split and a Python data set through DataLoader")
    func tensorData() {
        let session = Session()
        let result = session.run(
            Self.setup + """

                X = torch.arange(20.0).reshape(10, 2)
                y = torch.arange(10)
                ds = data.TensorDataset(X, y)
                print(len(ds), ds[3][0].tolist(), int(ds[3][1]))
                batches = [b for b in data.DataLoader(ds, batch_size=4)]
                print(len(batches), batches[-1][0].shape, batches[-1][1].tolist())
                torch.manual_seed(0)
                a, b = data.random_split(ds, [7, 3])
                print(len(a), len(b), sorted([int(a[i][1]) for i in range(7)] + [int(b[i][1]) for i in range(3)]) == list(range(10)))
                class Squares:
                    def __len__(self):
                        return 5
                    def __getitem__(self, i):
                        return torch.tensor([float(i)]), i * i
                print([b[1].tolist() for b in data.DataLoader(Squares(), batch_size=2)])
                """)
        #expect(result.succeeded, "\(result.error?.description ?? "")")
        #expect(
            result.stdout == """
                10 [6.0, 7.0] 3
                3 torch.Size([2, 2]) [8, 9]
                7 3 True
                [[0, 1], [4, 9], [16]]

                """)
    }

    @Test("d2l.FashionMNIST.visualize and show(X, labels=) draw a labelled image grid")
    func visualize() {
        let session = Session()
        let result = session.run(
            "from d2l import torch as d2l\ndata = d2l.FashionMNIST(resize=(32, 32))\n"
                + "X, y = next(iter(data.val_dataloader()))\nprint(X.shape)\ndata.visualize((X, y))")
        #expect(result.succeeded, "\(result.error?.description ?? "")")
        #expect(result.stdout == "torch.Size([64, 1, 32, 32])\n")
        guard case .display(let figure)? = result.outputs.last else {
            Issue.record("expected a figure, got \(result.outputs)")
            return
        }
        #expect(
            figure.textFallback
                == "<images 8×32×32: ankle boot, pullover, trouser, trouser, shirt, trouser, coat, shirt>")
    }

    @Test("bad input: a clear error naming what was wrong")
    func badInput() {
        let session = Session()
        _ = session.run(Self.setup)
        #expect(session.run("data.DataLoader([1, 2], batch_size=0)").error?.message.contains("batch_size") == true)
        #expect(
            session.run("data.TensorDataset(torch.ones(3), torch.ones(4))").error?.message.contains("Size mismatch")
                == true)
        #expect(
            session.run("transforms.Normalize((0.5,), (0.0,))(torch.ones(1, 2, 2))").error?.message.contains("zero")
                == true)
        #expect(session.run("transforms.Resize((0, 3))").error?.message.contains("Resize") == true)
        #expect(session.run("data.random_split(data.TensorDataset(torch.ones(4)), [1, 2])").error?.name == .valueError)
    }

    @Test("d2l.FashionMNIST, d2l.Trainer and the live ProgressBoard train a small model on real images")
    func trainer() {
        let session = Session()
        let observed = Mutex<[CellOutput]>([])
        let code = """
            import torch
            from torch import nn
            from d2l import torch as d2l
            torch.manual_seed(0)
            class Small(d2l.DataModule):
                def __init__(self, batch_size=100):
                    super().__init__()
                    self.save_hyperparameters()
                    full = d2l.FashionMNIST(batch_size=batch_size)
                    self.train = torch.utils.data.Subset(full.train, list(range(2000)))
                    self.val = torch.utils.data.Subset(full.val, list(range(500)))
                def get_dataloader(self, train):
                    data = self.train if train else self.val
                    return torch.utils.data.DataLoader(data, self.batch_size, shuffle=train)
            data = Small()
            model = d2l.SoftmaxRegression(num_outputs=10, lr=0.1)
            model.apply_init([next(iter(data.get_dataloader(True)))[0]])
            trainer = d2l.Trainer(max_epochs=3, num_gpus=1)
            trainer.fit(model, data)
            model.eval()
            with torch.no_grad():
                X, y = next(iter(data.val_dataloader()))
                print(d2l.FashionMNIST().text_labels(y[:3]))
                print(float(model.accuracy(model(X), y)))
            """
        let result = session.run(
            Source.cell(1, text: code),
            observer: CellObserver(output: { output in observed.withLock { $0.append(output) } }))
        #expect(result.succeeded, "\(result.error?.description ?? "")")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "No GPU here: training on the CPU.")
        #expect(lines.dropFirst().first == "['ankle boot', 'pullover', 'trouser']")
        // Softmax regression reaches about 0.7 after 3 epochs on 2,000 images (PyTorch: 0.68-0.74).
        let accuracy = Double(lines.last ?? "") ?? 0
        #expect(accuracy > 0.6, "\(accuracy)")
        // The board is one live figure: shown once, redrawn at each new point, kept once in its last drawing.
        let live = observed.withLock { $0 }.compactMap { output -> Bool? in
            if case .liveDisplay(_, _, let update) = output { return update }
            return nil
        }
        #expect(live.first == false && live.dropFirst().allSatisfy { $0 } && live.count >= 6, "\(live)")
        let figures = result.outputs.filter { if case .liveDisplay = $0 { true } else { false } }
        #expect(figures.count == 1)
        if case .liveDisplay(.figure(let figure), _, false)? = figures.first {
            #expect(figure.textFallback.contains("3 series"), "\(figure.textFallback)")
        }
    }
}
