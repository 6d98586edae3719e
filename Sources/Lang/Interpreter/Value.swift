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

/// A tensor with identity: assignments through an index (`Y[i, j] = v`) mutate the shared box.
///
/// The box is also where autograd state lives, because in PyTorch `requires_grad`, `.grad`,
/// `grad_fn` and being an `nn.Parameter` belong to the tensor object, not to its values.
/// `.data` and `.detach()` return boxes that alias another box's elements (PyTorch shares the
/// storage), so `w.data[:] -= lr * w.grad` updates `w` without being recorded.
final class TensorBox {
    /// Not checked for exclusive access at run time (read by every tensor operation): in-place
    /// updates run engine code, which never sees boxes, so no access can overlap another.
    @exclusivity(unchecked) private var ownTensor: Tensor
    /// The box whose elements this one shows (`.data`, `.detach()`), `nil` for an ordinary tensor.
    let base: TensorBox?
    /// The ordinary box at the end of the `base` chain, which holds the elements (`w.data.data`
    /// shows `w`'s); `nil` for an ordinary tensor. Reading through it directly keeps the accessor
    /// below non-recursive, so the compiler can inline it into every tensor operation.
    private let root: TensorBox?
    /// Whether in-place changes count against the base's version (`detach()` yes, `.data` no).
    let sharesVersion: Bool

    /// The elements; for an alias, the base's elements. A plain getter rather than a read
    /// coroutine: inlined, it lets a caller that needs one field (`box.tensor.shape`) load just
    /// that field.
    var tensor: Tensor {
        get {
            if let root { return root.ownTensor }
            return ownTensor
        }
        _modify {
            if let root { yield &root.ownTensor } else { yield &ownTensor }
        }
    }
    /// Whether gradients flow into this tensor: set on leaves by `requires_grad`, and on every
    /// result of a recorded operation.
    var requiresGrad = false
    /// Whether this tensor was made by `nn.Parameter`; modules register only parameters.
    var isParameter = false
    /// The accumulated gradient (`.grad`), `None` until a backward pass reaches this tensor.
    var grad: TensorBox?
    /// The operation that produced this tensor (`.grad_fn`); `nil` for leaves.
    var gradFn: GradNode?
    /// Counts in-place changes once an operation has saved this tensor for its backward pass.
    var ownVersion: VersionCounter?
    /// Whether a recorded graph may send gradients here (an accumulator was made for this box):
    /// such a box is never reused for another result.
    var hasGradientSink = false

    init(_ tensor: Tensor) {
        ownTensor = tensor
        base = nil
        root = nil
        sharesVersion = false
    }

    /// The result of an operation: requires grad exactly when the operation was recorded.
    init(_ tracked: TrackedTensor) {
        ownTensor = tracked.tensor
        base = nil
        root = nil
        sharesVersion = false
        gradFn = tracked.node
        requiresGrad = tracked.node != nil
    }

    /// A box showing `base`'s elements without its autograd history.
    init(aliasing base: TensorBox, sharingVersion: Bool) {
        ownTensor = Tensor(scalar: 0)
        self.base = base
        root = base.root ?? base
        self.sharesVersion = sharingVersion
    }
}

/// A slice object `start:stop:step` (each part may be `None`).
final class SliceBox {
    let start: Value
    let stop: Value
    let step: Value
    init(_ start: Value, _ stop: Value, _ step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }
}

/// A user-defined function (a `def` or a `lambda`) together with what it closes over.
final class Function {
    let definition: FunctionDefinition
    let defaults: [Value?]
    /// The scope of the enclosing function, `nil` for top-level functions.
    let closure: Scope?
    let globals: Scope
    let source: Source
    /// The class whose body defined this function (what `super()` inside it starts from);
    /// weak because the class holds the function.
    weak var owner: ClassObject?
    /// `Class.method` for methods, the plain name otherwise (Python's `__qualname__`, used in
    /// error messages).
    var qualifiedName: String

    init(definition: FunctionDefinition, defaults: [Value?], closure: Scope?, globals: Scope, source: Source) {
        self.definition = definition
        self.qualifiedName = definition.name
        self.defaults = defaults
        self.closure = closure
        self.globals = globals
        self.source = source
    }
}

/// A function implemented in Swift (builtins, methods bound to their receiver, torch functions).
final class BuiltinFunction {
    typealias Body = (Interpreter, Arguments) throws(PyError) -> Value
    /// The same function called with exactly one positional argument, which it takes without an
    /// ``Arguments`` value (no array to allocate on a hot call such as `d2l.reduce_sum(X)`). The
    /// argument is handed over, so a temporary tensor can take the result.
    typealias UnaryBody = (Interpreter, consuming Value) throws(PyError) -> Value
    let name: String
    let body: Body
    /// Behaves exactly as `body` with one positional argument; `nil` when there is no such path.
    let unary: UnaryBody?
    init(_ name: String, _ body: @escaping Body, unary: UnaryBody? = nil) {
        self.name = name
        self.body = body
        self.unary = unary
    }
}

/// A built-in type such as `int` or `list`: callable to construct, and usable with `isinstance`.
final class TypeObject {
    let name: String
    let construct: BuiltinFunction.Body?
    init(_ name: String, construct: BuiltinFunction.Body? = nil) {
        self.name = name
        self.construct = construct
    }
}

/// A module object (`torch`, `torch.nn`, `d2l`): a name and its attributes.
final class Module {
    let name: String
    var attributes: [String: Value] {
        didSet { recent = [] }
    }
    /// The attributes looked up last, newest first (at most ``recentLimit``): a loop calls the
    /// same few (`d2l.reduce_sum`) on every iteration, and an attribute name in the code is the
    /// same string each time, which compares without hashing. Emptied by any change. Not checked
    /// for exclusive access at run time: each access is one read or one mutation that calls out
    /// to nothing, on the session's evaluator thread.
    @exclusivity(unchecked) private var recent: [(name: String, value: Value)] = []
    private static let recentLimit = 4

    init(_ name: String, _ attributes: [String: Value] = [:]) {
        self.name = name
        self.attributes = attributes
    }

    /// The attribute `name`, `nil` when the module has none.
    func attribute(_ name: String) -> Value? {
        for entry in recent where entry.name == name { return entry.value }
        guard let value = attributes[name] else { return nil }
        if recent.count == Module.recentLimit { recent.removeLast() }
        recent.insert((name, value), at: 0)
        return value
    }
}

/// A variable scope: the globals of a session, or the locals of one function call.
final class Scope {
    /// The variables. Not checked for exclusive access at run time (read on every name lookup):
    /// each access is a lookup or a single store whose value is computed beforehand, so no access
    /// can overlap another, and a scope is used only on its session's evaluator thread.
    @exclusivity(unchecked) var variables = VariableTable()
    /// The enclosing function's scope (for closures); `nil` for globals and top-level functions.
    let parent: Scope?
    /// Whether this is a class body's namespace, which functions defined in it do not close over.
    var isClassBody = false
    init(parent: Scope? = nil) {
        self.parent = parent
    }
}

/// An object implemented in Swift with attributes and optional call behaviour (layers,
/// context managers, iterators).
class PyObject {
    /// The Python class name shown by `type()` and in error messages.
    var typeName: String { "object" }
    /// Looks up an attribute; `nil` when there is none.
    func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? { nil }
    /// Sets an attribute; returns false when the object does not allow it.
    func setAttribute(_ name: String, _ value: Value) throws(PyError) -> Bool { false }
    /// Calls the object; `nil` when it is not callable.
    func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? { nil }
    /// The `repr()` text.
    func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "<\(typeName) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>"
    }
    /// The `str()` text; the repr unless the object prints differently (`torch.device`).
    func str(_ interpreter: Interpreter) throws(PyError) -> String { try repr(interpreter) }
    /// Iteration support; `nil` when the object is not iterable.
    func makeIterator(_ interpreter: Interpreter) throws(PyError) -> ValueIterator? { nil }
}

/// The arguments of a call: positional values then keyword values in call order.
struct Arguments {
    var positional: [Value]
    var keywords: [(name: String, value: Value)]

    init(_ positional: [Value] = [], keywords: [(name: String, value: Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }
}
