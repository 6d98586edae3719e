import Tensors

/// A value of the language at run time.
///
/// Immutable Python values (numbers, strings, tuples, tensors) are stored inline; mutable ones
/// (lists, dicts) and objects with identity (functions, modules, layers) are references, so that
/// aliasing behaves as in Python: `b = a; b.append(1)` changes `a` too. A tensor is a value in
/// Swift but has identity in Python; ``TensorBox`` gives it that identity where it matters
/// (in-place updates such as `Y[i, j] = ...`).
enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case list(ListBox)
    case tuple([Value])
    case dict(DictBox)
    case set(DictBox)
    case range(start: Int, stop: Int, step: Int)
    case slice(SliceBox)
    case ellipsis
    case function(Function)
    case builtin(BuiltinFunction)
    case type(TypeObject)
    case module(Module)
    case tensor(TensorBox)
    /// `torch.Size`, a tuple subclass of ints.
    case size([Int])
    case dtype(DType)
    case object(PyObject)
}
