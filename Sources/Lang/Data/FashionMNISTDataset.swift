import Datasets
import Synchronization
import Tensors

/// `torchvision.datasets.FashionMNIST(root, train=True, transform=None, download=False)`: the local copy
/// of Fashion-MNIST that Debian's `dataset-fashion-mnist` installs (``Datasets/FashionMNIST``). `root` is
/// accepted and not read; `download=True` never fetches anything; a missing package is an error saying
/// how to install it.
///
/// The images stay the bytes the files hold (47 MB for the 60,000 training images, shared by every
/// session of the process); batches are made as float32 tensors when a loader asks for them.
final class FashionMNISTDataset: DatasetObject {
    let images: LabelledImages
    let train: Bool
    let transform: Value

    init(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) {
        let values = try arguments.bind(
            "FashionMNIST", ["root", "train", "transform", "target_transform", "download"], required: 0)
        train = try values[1].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? true
        transform = values[2] ?? .none
        if values[3].orNone != nil {
            throw PyError.value("FashionMNIST(): target_transform is not supported here; map the labels after loading")
        }
        do {
            images = try FashionMNIST.split(train ? .train : .test)
        } catch {
            throw PyError(.runtimeError, error.message)
        }
    }

    override var typeName: String { "FashionMNIST" }

    /// Where ``pixels(_:toTensor:)`` leaves the bytes it reads ahead of its copy (read by no one).
    private static let prefetchedBytes = Atomic<UInt8>(0)

    /// How many images ``pixels(_:toTensor:)`` reads ahead of its copy (32 Fashion-MNIST images are 25 KB,
    /// within L1 and far within L2 together with the floats being written).
    static let prefetchWindow = 32

    override var count: Int { images.count }

    /// The transform as steps Convbook can run on a whole batch; `nil` for a Python callable.
    private var steps: [TransformObject.Step]? {
        switch transform {
        case .none: []
        case .object(let object as TransformObject): object.steps
        default: nil
        }
    }

    override func item(_ index: Int, _ interpreter: Interpreter) throws(PyError) -> Value {
        let image = try pixels([index])
        let label = Value.int(Int(images.labels[index]))
        guard let steps else {
            let raw = Value.tensor(try engine { () throws(TensorError) in try image.tensor(batched: false) })
            return .tuple([try interpreter.call(transform, Arguments([raw])), label])
        }
        let result = try TransformObject("transform", steps).apply(to: image)
        return .tuple([.tensor(try engine { () throws(TensorError) in try result.tensor(batched: false) }), label])
    }

    override func batch(_ indices: [Int], _ interpreter: Interpreter) throws(PyError) -> Value {
        guard let steps else { return try super.batch(indices, interpreter) }
        // A leading ToTensor is done by the copy itself: one pass over the batch instead of two.
        let toTensor = steps.first == .toTensor
        let result = try TransformObject("transform", toTensor ? Array(steps.dropFirst()) : steps).apply(
            to: try pixels(indices, toTensor: toTensor))
        var labels: [Int64] = []
        labels.reserveCapacity(indices.count)
        for index in indices { labels.append(Int64(images.labels[index])) }
        return .tuple([
            .tensor(try engine { () throws(TensorError) in try result.tensor(batched: true) }),
            .tensor(try engine { () throws(TensorError) in try Tensor(shape: [labels.count], ints: labels) }),
        ])
    }

    /// The images at `indices` as pixel values 0–255, without a channel dimension; or, `toTensor`, as
    /// `ToTensor` makes them (divided by 255, the same bits, with a channel dimension).
    ///
    /// Written once, without zeroing the buffer first, by a loop the compiler vectorizes (no checked
    /// index arithmetic inside it): the bytes-to-floats copy had been a scalar loop, 4 % of an epoch
    /// of LeNet on two threads, all of it on the cell's thread.
    private func pixels(_ indices: [Int], toTensor: Bool = false) throws(PyError) -> ImageBatch {
        let area = images.height * images.width
        let total = images.count
        if let bad = indices.first(where: { $0 < 0 || $0 >= total }) {
            throw PyError.index("index \(bad) is out of range for a data set of \(total) images")
        }
        let values = [Float](unsafeUninitializedCapacity: indices.count * area) { out, initialized in
            images.pixels.withUnsafeBufferPointer { source in
                guard let first = source.baseAddress, let target = out.baseAddress else { return }
                // A shuffled batch's images lie scattered over the 47 MB of the set, and the copy waited for
                // each cache line in turn (nine tenths of its time). One byte of every line read first, in a
                // loop of independent loads, brings them in together; the copy then finds them in cache.
                // The reads run a window of images ahead of the copy: touched all at once, a batch of
                // 10,000 images or more (7.8 MB of bytes) was evicted again before the copy reached it.
                // The bytes read, or-ed together, are stored so that the loads are kept.
                var touched: UInt8 = 0
                func touch(_ rows: Range<Int>) {
                    guard area > 0 else { return }
                    for row in rows {
                        let image = first + indices[row] * area
                        for offset in stride(from: 0, to: area, by: 64) { touched |= image[offset] }
                        touched |= image[area - 1]
                    }
                }
                let window = Self.prefetchWindow
                touch(0..<min(window, indices.count))
                for start in stride(from: 0, to: indices.count, by: window) {
                    let end = min(start + window, indices.count)
                    touch(end..<min(end + window, indices.count))
                    for row in start..<end {
                        let from = first + indices[row] * area
                        let to = target + row * area
                        if toTensor {
                            for pixel in 0..<area { to[pixel] = Float(from[pixel]) / 255 }
                        } else {
                            for pixel in 0..<area { to[pixel] = Float(from[pixel]) }
                        }
                    }
                }
                Self.prefetchedBytes.store(touched, ordering: .relaxed)
            }
            initialized = indices.count * area
        }
        return ImageBatch(
            values: values, count: indices.count, channels: 1, height: images.height, width: images.width,
            hasChannels: toTensor)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "classes":
            let names = [
                "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                "Ankle boot",
            ]
            return .list(try ListBox(names.map { .str($0) }, budget: interpreter.memory))
        case "targets":
            let labels = images.labels.map { Int64($0) }
            return .tensor(try engine { () throws(TensorError) in try Tensor(shape: [labels.count], ints: labels) })
        case "train":
            return .bool(train)
        case "transform":
            return transform
        default:
            return try super.attribute(name, interpreter)
        }
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        var text =
            "Dataset FashionMNIST\n    Number of datapoints: \(count)\n    Root location: \(FashionMNIST.directory)\n"
        text += "    Split: \(train ? "Train" : "Test")\n"
        // What the session holds: the files' bytes, shared by every session of the process (as float32 the
        // 60,000 training images would take 188 MB).
        let megabytes = Double(images.byteCount) / 1_000_000
        text +=
            "    Memory: \((megabytes * 10).rounded() / 10) MB of bytes shared by every session; batches are made on demand"
        if case .object(let transform) = transform {
            text += "\n    StandardTransform\nTransform: " + (try transform.repr(interpreter))
        }
        return text
    }
}

/// `torch.utils.data.TensorDataset(*tensors)`: item `i` is the tuple of each tensor's row `i`.
final class TensorDatasetObject: DatasetObject {
    let tensors: [Tensor]

    init(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) {
        var tensors: [Tensor] = []
        for value in arguments.positional { tensors.append(try interpreter.tensorArgument(value, "TensorDataset()")) }
        guard let first = tensors.first?.shape.first else {
            throw PyError.value("TensorDataset() needs at least one tensor with a first dimension")
        }
        for tensor in tensors where tensor.shape.first != first {
            throw PyError.value(
                "Size mismatch between tensors: \(tensors.map(\.shape)) differ in their first dimension")
        }
        self.tensors = tensors
    }

    override var typeName: String { "TensorDataset" }

    override var count: Int { tensors.first?.shape.first ?? 0 }

    override func item(_ index: Int, _ interpreter: Interpreter) throws(PyError) -> Value {
        var fields: [Value] = []
        for tensor in tensors {
            fields.append(.tensor(try engine { () throws(TensorError) in try tensor.getItem([.int(index)]) }))
        }
        return .tuple(fields)
    }

    override func batch(_ indices: [Int], _ interpreter: Interpreter) throws(PyError) -> Value {
        let index = try engine { () throws(TensorError) in
            try Tensor(shape: [indices.count], ints: indices.map(Int64.init))
        }
        var fields: [Value] = []
        for tensor in tensors {
            fields.append(
                .tensor(try engine { () throws(TensorError) in try tensor.indexSelect(dim: 0, index: index) }))
        }
        return .tuple(fields)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        if name == "tensors" { return .tuple(tensors.map { Value.tensor($0) }) }
        return try super.attribute(name, interpreter)
    }
}

/// `torch.utils.data.Subset(dataset, indices)`, what `random_split` returns.
final class SubsetObject: DatasetObject {
    let dataset: Value
    let indices: [Int]

    init(dataset: Value, indices: [Int]) {
        self.dataset = dataset
        self.indices = indices
    }

    override var typeName: String { "Subset" }

    override var count: Int { indices.count }

    override func item(_ index: Int, _ interpreter: Interpreter) throws(PyError) -> Value {
        try interpreter.getItem(dataset, .int(indices[index]))
    }

    override func batch(_ positions: [Int], _ interpreter: Interpreter) throws(PyError) -> Value {
        let mapped = positions.map { indices[$0] }
        if case .object(let inner as DatasetObject) = dataset { return try inner.batch(mapped, interpreter) }
        return try super.batch(positions, interpreter)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "dataset": return dataset
        case "indices": return .list(try ListBox(indices.map { .int($0) }, budget: interpreter.memory))
        default: return try super.attribute(name, interpreter)
        }
    }
}
