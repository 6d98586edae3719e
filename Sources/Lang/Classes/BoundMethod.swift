/// A function read through an instance (`net.forward`): calling it passes the instance first.
final class BoundMethod: PyObject, CallableObject {
    /// The function: a user `def`, or a ``NativeMethod``.
    let function: Value
    /// The instance (or, for a classmethod, the class) it is bound to.
    let receiver: Value

    init(function: Value, receiver: Value) {
        self.function = function
        self.receiver = receiver
    }

    override var typeName: String { "method" }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        var bound = arguments
        bound.positional.insert(receiver, at: 0)
        return try interpreter.call(function, bound)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "__self__": return receiver
        case "__func__": return function
        case "__name__": return try interpreter.attribute(function, "__name__")
        default: return nil
        }
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        // Python names the function where it was defined: `Module.parameters`, `Net.forward`.
        let name: String
        switch function {
        case .function(let function): name = function.qualifiedName
        case .object(let native as NativeMethod): name = native.owner + "." + native.name
        default: name = try interpreter.str(try interpreter.attribute(function, "__name__"))
        }
        return "<bound method \(name) of \(try interpreter.repr(receiver))>"
    }
}

/// A method implemented in Swift that lives in a class namespace (`nn.Module.parameters`):
/// read through an instance it binds like a `def`; its body receives the instance first.
final class NativeMethod: PyObject, CallableObject {
    typealias Body = (Interpreter, Value, Arguments) throws(PyError) -> Value
    let name: String
    /// The class that defines it, for messages (`Module.parameters`).
    let owner: String
    let body: Body

    init(_ name: String, owner: String, _ body: @escaping Body) {
        self.name = name
        self.owner = owner
        self.body = body
    }

    override var typeName: String { "method_descriptor" }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        guard let receiver = arguments.positional.first else {
            throw PyError.type("\(owner).\(name)() needs an instance as its first argument")
        }
        var rest = arguments
        rest.positional.removeFirst()
        return try body(interpreter, receiver, rest)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        name == "__name__" ? .str(self.name) : nil
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "<function \(owner).\(name)>"
    }
}
