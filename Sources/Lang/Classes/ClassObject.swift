/// A class: made by a `class` statement, or built in and open to inheritance (`nn.Module`).
///
/// Inheritance is single, so the method resolution order is the chain `self, base, base.base…`.
/// Class attributes live in ``attributes``; functions found there bind to the instance they are
/// read from (see ``Interpreter/bindClassAttribute(_:to:)``).
final class ClassObject: PyObject, CallableObject {
    /// The class name (`Net`).
    let name: String
    /// Where the class was defined, shown by its repr: `__main__`, or `torch.nn.modules.module`.
    let moduleName: String
    /// The base class; `nil` for a class that derives from `object` only.
    let base: ClassObject?
    /// The class namespace: methods, class attributes, descriptors.
    var attributes: [String: Value]
    let docstring: String?
    /// Whether instances are `nn.Module`s (the class is `nn.Module` or derives from it).
    let isModule: Bool
    /// Whether instances are exceptions (the class is `BaseException` or derives from it).
    let isException: Bool

    init(
        name: String, moduleName: String = "__main__", base: ClassObject?, attributes: [String: Value],
        docstring: String? = nil, isModule: Bool = false, isException: Bool = false
    ) {
        self.name = name
        self.moduleName = moduleName
        self.base = base
        self.attributes = attributes
        self.docstring = docstring
        self.isModule = isModule || base?.isModule == true
        self.isException = isException || base?.isException == true
    }

    /// `module.Name`, as Python prints a class.
    var qualifiedName: String { moduleName == "builtins" ? name : moduleName + "." + name }

    /// The method resolution order: this class, then its bases up the chain.
    var resolutionOrder: [ClassObject] {
        var chain: [ClassObject] = []
        var current: ClassObject? = self
        while let cls = current {
            chain.append(cls)
            current = cls.base
        }
        return chain
    }

    /// Finds `name` in this class or the first base that defines it, starting at `self`.
    func lookup(_ name: String) -> Value? {
        var current: ClassObject? = self
        while let cls = current {
            if let value = cls.attributes[name] { return value }
            current = cls.base
        }
        return nil
    }

    /// Whether this class is `other` or derives from it.
    func isSubclass(of other: ClassObject) -> Bool {
        var current: ClassObject? = self
        while let cls = current {
            if cls === other { return true }
            current = cls.base
        }
        return false
    }

    override var typeName: String { "type" }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "__name__", "__qualname__": return .str(self.name)
        case "__module__": return .str(moduleName)
        case "__doc__": return docstring.map { .str($0) } ?? Value.none
        case "__bases__": return .tuple([base.map { .object($0) } ?? .type(interpreter.objectType)])
        case "__mro__":
            return .tuple(resolutionOrder.map { .object($0) } + [.type(interpreter.objectType)])
        default: break
        }
        guard let value = lookup(name) else { return nil }
        return try interpreter.classAttribute(value, of: self)
    }

    /// Whether this is a builtin class (the exception classes), which programs may not change.
    var isBuiltin: Bool { moduleName == "builtins" }

    override func setAttribute(_ name: String, _ value: Value) throws(PyError) -> Bool {
        guard !isBuiltin else {
            throw PyError.type("cannot set '\(name)' attribute of immutable type '\(self.name)'")
        }
        attributes[name] = value
        return true
    }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        try interpreter.instantiate(self, arguments)
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "<class '\(qualifiedName)'>"
    }
}
