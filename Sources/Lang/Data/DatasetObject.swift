import Tensors

/// A map-style data set as `torch.utils.data` knows it: a length and items by index.
///
/// Convbook's own data sets (``FashionMNISTDataset``, ``TensorDatasetObject``, ``SubsetObject``) also make a
/// whole batch at once (``batch(_:_:)``), which is what ``DataLoaderObject`` asks for: the images of a
/// batch are copied once from the bytes the data set holds, never one tensor per image and a stack.
class DatasetObject: PyObject {
    /// How many items.
    var count: Int { 0 }

    /// Item `index` (already checked to be in range), as `dataset[index]` gives it.
    func item(_ index: Int, _ interpreter: Interpreter) throws(PyError) -> Value { .none }

    /// The items at `indices` collated as the default `collate_fn` does: a tuple of stacked tensors.
    func batch(_ indices: [Int], _ interpreter: Interpreter) throws(PyError) -> Value {
        var items: [Value] = []
        for index in indices { items.append(try item(index, interpreter)) }
        return try Collation.collate(items, interpreter)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "__len__":
            return .builtin(BuiltinFunction(name) { [self] _, _ in .int(count) })
        case "__getitem__":
            return .builtin(
                BuiltinFunction.oneArgument(name) { [self] interpreter, argument throws(PyError) in
                    let index = try interpreter.intArgument(argument, "index")
                    let position = index < 0 ? index + count : index
                    guard position >= 0 && position < count else {
                        throw PyError.index("index \(index) is out of range for a data set of \(count) items")
                    }
                    return try item(position, interpreter)
                })
        default:
            return nil
        }
    }

    override func makeIterator(_ interpreter: Interpreter) throws(PyError) -> ValueIterator? {
        var next = 0
        return ValueIterator(
            .custom({ [self] () throws(PyError) in
                guard next < count else { return nil }
                next += 1
                return try item(next - 1, interpreter)
            }))
    }
}

/// PyTorch's `default_collate` for what data sets here hold: tensors are stacked along a new first
/// dimension, ints become an int64 tensor, floats a float32 one, tuples and lists are collated field by field.
enum Collation {
    static func collate(_ items: [Value], _ interpreter: Interpreter) throws(PyError) -> Value {
        guard let first = items.first else { return .list(try ListBox([], budget: interpreter.memory)) }
        switch first {
        case .tensor:
            var tensors: [Tensor] = []
            for item in items { tensors.append(try interpreter.tensorArgument(item, "a data set item")) }
            return .tensor(try engine { () throws(TensorError) in try Tensor.stack(tensors) })
        case .int, .bool:
            var ints: [Int64] = []
            for item in items { ints.append(Int64(try interpreter.intArgument(item, "a data set item"))) }
            return .tensor(try engine { () throws(TensorError) in try Tensor(shape: [ints.count], ints: ints) })
        case .float:
            var floats: [Float] = []
            for item in items { floats.append(Float(try interpreter.floatArgument(item, "a data set item"))) }
            return .tensor(try engine { () throws(TensorError) in try Tensor(shape: [floats.count], floats: floats) })
        case .tuple, .list:
            let fields = try interpreter.sequenceItems(first) ?? []
            var columns: [Value] = []
            for field in fields.indices {
                var column: [Value] = []
                for item in items {
                    guard let row = try interpreter.sequenceItems(item), row.count == fields.count else {
                        throw PyError.runtime("each element in list of batch should be of equal size")
                    }
                    column.append(row[field])
                }
                columns.append(try collate(column, interpreter))
            }
            if case .tuple = first { return .tuple(columns) }
            return .list(try ListBox(columns, budget: interpreter.memory))
        default:
            throw PyError.type(
                "default_collate: batch must contain tensors, numbers or tuples of them; found \(typeName(of: first))"
            )
        }
    }
}
