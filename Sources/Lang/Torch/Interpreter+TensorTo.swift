import Tensors

extension Interpreter {
    /// `tensor.to(…)`: `to(dtype)`, `to(device)`, `to(device, dtype)`, `to(other)` and the
    /// keywords `device=`, `dtype=`. Every device here is the CPU, so a move changes nothing and,
    /// as in PyTorch, returns the tensor itself when the dtype stays the same.
    func tensorTo(_ box: TensorBox, _ arguments: Arguments) throws(PyError) -> Value {
        var dtype: DType?
        for keyword in arguments.keywords {
            switch keyword.name {
            case "dtype": dtype = try dtypeArgument(keyword.value)
            case "device": _ = try targetDevice(keyword.value)
            case "non_blocking", "copy", "memory_format": continue
            default:
                throw PyError.type(
                    "to() received an invalid combination of arguments - got an unexpected keyword argument '\(keyword.name)'"
                )
            }
        }
        for argument in arguments.positional {
            switch argument {
            case .dtype(let target): dtype = target
            case .tensor(let other): dtype = other.tensor.dtype
            case .bool: continue
            default:
                guard try targetDevice(argument) != nil else {
                    throw PyError.type(
                        "to() received an invalid combination of arguments - got (\(typeName(of: argument))): "
                            + "expected a dtype, a device (torch.device('cpu') or 'cpu') or a tensor")
                }
            }
        }
        guard let dtype, dtype != box.tensor.dtype else { return .tensor(box) }
        return try converted(box, to: dtype)
    }

    /// The tensor as `dtype`, recorded for autograd when it requires grad.
    func converted(_ box: TensorBox, to dtype: DType) throws(PyError) -> Value {
        if tracks(box) {
            let operand = box.tracked()
            return result(try engine { () throws(TensorError) in try operand.to(dtype) })
        }
        return .tensor(try engine { () throws(TensorError) in try box.tensor.to(dtype) })
    }
}
