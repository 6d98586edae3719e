import Tensors

/// `torch.utils.data.DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False, num_workers=0)`:
/// batches of a map-style data set, in a fresh order each time it is iterated when `shuffle` is set
/// (drawn from the session's generator, so `torch.manual_seed` makes it repeat). `num_workers`,
/// `pin_memory` and `persistent_workers` are accepted and ignored: batches are made on the cell's thread.
///
/// Convbook's data sets make each batch in one piece (``DatasetObject/batch(_:_:)``); any other object
/// with `__len__` and `__getitem__` is read item by item and collated as PyTorch's `default_collate` does.
final class DataLoaderObject: PyObject {
    let dataset: Value
    let batchSize: Int
    let shuffle: Bool
    let dropLast: Bool

    init(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) {
        let names = [
            "dataset", "batch_size", "shuffle", "sampler", "batch_sampler", "num_workers", "collate_fn",
            "pin_memory", "drop_last", "timeout", "worker_init_fn", "multiprocessing_context", "generator",
            "prefetch_factor", "persistent_workers",
        ]
        let values = try arguments.bind("DataLoader", names, required: 1)
        dataset = values[0] ?? .none
        batchSize =
            try values[1].map { (value) throws(PyError) in try interpreter.intArgument(value, "batch_size") } ?? 1
        guard batchSize > 0 else {
            throw PyError.value("batch_size should be a positive integer value, but got batch_size=\(batchSize)")
        }
        shuffle = try values[2].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? false
        dropLast = try values[8].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? false
        for (index, name) in [(3, "sampler"), (4, "batch_sampler"), (6, "collate_fn")] where values[index].orNone != nil
        {
            throw PyError.value("DataLoader(): \(name) is not supported here; use batch_size and shuffle")
        }
        _ = try interpreter.length(dataset)
    }

    override var typeName: String { "DataLoader" }

    /// How many batches one pass gives.
    func batchCount(_ interpreter: Interpreter) throws(PyError) -> Int {
        let items = try interpreter.length(dataset)
        return dropLast ? items / batchSize : (items + batchSize - 1) / batchSize
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "__len__":
            return .builtin(
                BuiltinFunction(name) { [self] interpreter, _ throws(PyError) in .int(try batchCount(interpreter)) })
        case "dataset": return dataset
        case "batch_size": return .int(batchSize)
        case "drop_last": return .bool(dropLast)
        default: return nil
        }
    }

    override func makeIterator(_ interpreter: Interpreter) throws(PyError) -> ValueIterator? {
        let items = try interpreter.length(dataset)
        var order = Array(0..<items)
        if shuffle {
            // Fisher–Yates with the session's generator.
            for index in stride(from: items - 1, to: 0, by: -1) {
                let other = Int(interpreter.random.nextInt(low: 0, high: Int64(index + 1)))
                order.swapAt(index, other)
            }
        }
        let batches = try batchCount(interpreter)
        var next = 0
        return ValueIterator(
            .custom({ [self, order] () throws(PyError) in
                guard next < batches else { return nil }
                try interpreter.checkInterrupt()
                let indices = Array(order[next * batchSize..<min((next + 1) * batchSize, items)])
                next += 1
                if case .object(let native as DatasetObject) = dataset { return try native.batch(indices, interpreter) }
                var rows: [Value] = []
                for index in indices { rows.append(try interpreter.getItem(dataset, .int(index))) }
                return try Collation.collate(rows, interpreter)
            }))
    }
}

extension Interpreter {
    /// Registers `torch.utils.data` (`DataLoader`, `Dataset`, `TensorDataset`, `Subset`, `random_split`) and
    /// `torchvision` (`datasets.FashionMNIST`, `transforms`).
    func installDataModules(torch: Module) {
        let data = Module("torch.utils.data")
        data.define("DataLoader") { interpreter, arguments throws(PyError) in
            .object(try DataLoaderObject(interpreter, arguments))
        }
        data.define("TensorDataset") { interpreter, arguments throws(PyError) in
            .object(try TensorDatasetObject(interpreter, arguments))
        }
        data.define("Subset") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("Subset", ["dataset", "indices"], required: 2)
            return .object(
                SubsetObject(
                    dataset: values[0] ?? .none, indices: try interpreter.intList(values[1] ?? .none, "indices")))
        }
        data.define("random_split", Self.randomSplit)
        let utils = Module("torch.utils", ["data": .module(data)])
        torch.attributes["utils"] = .module(utils)
        modules["torch.utils"] = utils
        modules["torch.utils.data"] = data

        let datasets = Module("torchvision.datasets")
        datasets.define("FashionMNIST") { interpreter, arguments throws(PyError) in
            .object(try FashionMNISTDataset(interpreter, arguments))
        }
        let transforms = Module("torchvision.transforms")
        transforms.define("ToTensor") { _, arguments throws(PyError) in
            try arguments.expectPositional("ToTensor", 0)
            return .object(TransformObject("ToTensor", [.toTensor]))
        }
        transforms.define("Resize") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("Resize", ["size", "interpolation", "max_size", "antialias"], required: 1)
            let size = values[0] ?? .none
            if case .int(let side) = size {
                return .object(TransformObject("Resize", [.resize(height: side, width: side)]))
            }
            let sides = try interpreter.intList(size, "Resize(): size")
            guard sides.count == 2, sides.allSatisfy({ $0 > 0 }) else {
                throw PyError.value("Resize(): size must be an int or a pair of positive ints, got \(sides)")
            }
            return .object(TransformObject("Resize", [.resize(height: sides[0], width: sides[1])]))
        }
        transforms.define("Normalize") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("Normalize", ["mean", "std", "inplace"], required: 2)
            func floats(_ value: Value) throws(PyError) -> [Float] {
                if let items = try interpreter.sequenceItems(value) {
                    var result: [Float] = []
                    for item in items { result.append(Float(try interpreter.floatArgument(item, "Normalize()"))) }
                    return result
                }
                return [Float(try interpreter.floatArgument(value, "Normalize()"))]
            }
            return .object(
                TransformObject("Normalize", [.normalize(mean: try floats(values[0]!), std: try floats(values[1]!))]))
        }
        transforms.define("Compose") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("Compose", 1)
            var steps: [TransformObject.Step] = []
            for item in try interpreter.iterateAll(arguments.positional[0]) {
                guard case .object(let transform as TransformObject) = item else {
                    throw PyError.type(
                        "Compose(): Convbook composes ToTensor, Resize and Normalize; got \(typeName(of: item))")
                }
                steps += transform.steps
            }
            return .object(TransformObject("Compose", steps))
        }
        modules["torchvision"] = Module(
            "torchvision", ["datasets": .module(datasets), "transforms": .module(transforms)])
        modules["torchvision.datasets"] = datasets
        modules["torchvision.transforms"] = transforms
    }

    /// `random_split(dataset, lengths)`: disjoint subsets of the given lengths (or fractions summing to 1)
    /// in a random order drawn from the session's generator.
    private static func randomSplit(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value {
        let values = try arguments.bind("random_split", ["dataset", "lengths", "generator"], required: 2)
        let dataset = values[0] ?? .none
        let total = try interpreter.length(dataset)
        let given = try interpreter.iterateAll(values[1] ?? .none)
        var lengths: [Int] = []
        if given.allSatisfy({ if case .float = $0 { true } else { false } }) {
            var fractions: [Double] = []
            for value in given { fractions.append(try interpreter.floatArgument(value, "lengths")) }
            guard abs(fractions.reduce(0, +) - 1) < 1e-6 else {
                throw PyError.value("Sum of input lengths does not equal the length of the input dataset!")
            }
            lengths = fractions.map { Int(($0 * Double(total)).rounded(.down)) }
            for index in 0..<(total - lengths.reduce(0, +)) { lengths[index % lengths.count] += 1 }
        } else {
            for value in given { lengths.append(try interpreter.intArgument(value, "lengths")) }
            guard lengths.reduce(0, +) == total, lengths.allSatisfy({ $0 >= 0 }) else {
                throw PyError.value("Sum of input lengths does not equal the length of the input dataset!")
            }
        }
        var order = Array(0..<total)
        for index in stride(from: total - 1, to: 0, by: -1) {
            order.swapAt(index, Int(interpreter.random.nextInt(low: 0, high: Int64(index + 1))))
        }
        var subsets: [Value] = []
        var start = 0
        for length in lengths {
            subsets.append(.object(SubsetObject(dataset: dataset, indices: Array(order[start..<start + length]))))
            start += length
        }
        return .list(try ListBox(subsets, budget: interpreter.memory))
    }
}
