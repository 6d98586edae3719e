import Tensors

/// A built-in type such as `int` or `list`: callable to construct, and usable with `isinstance`.
final class TypeObject {
    let name: String
    let construct: BuiltinFunction.Body?
    init(_ name: String, construct: BuiltinFunction.Body? = nil) {
        self.name = name
        self.construct = construct
    }
}
