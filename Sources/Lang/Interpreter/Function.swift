import Tensors

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
