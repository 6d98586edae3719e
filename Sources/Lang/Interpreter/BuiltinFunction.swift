import Tensors

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

extension BuiltinFunction {
    /// A function of exactly one positional argument (`write(text)`, `append(module)`, `__getitem__(index)`):
    /// the count, and that there are no keywords, are checked here; `body` gets the argument.
    static func oneArgument(
        _ name: String, _ body: @escaping (Interpreter, Value) throws(PyError) -> Value
    ) -> BuiltinFunction {
        BuiltinFunction(name) { interpreter, arguments throws(PyError) in
            try arguments.expectPositional(name, 1)
            return try body(interpreter, arguments.positional[0])
        }
    }
}
