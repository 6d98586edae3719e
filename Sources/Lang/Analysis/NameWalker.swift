/// Walks a cell's statements in execution order, recording top-level bindings and reads.
///
/// Function bodies are walked after the whole cell (they run when called, by which time every
/// top-level binding of the cell exists), with their parameters and local assignments in scope.
struct NameWalker {
    /// Names bound at the top level so far.
    private(set) var defined: Set<String> = []
    /// Names read before being bound.
    private(set) var used: Set<String> = []
    /// Top-level names bound by `import` statements and by nothing else in the cell.
    private(set) var importedOnly: Set<String> = []
    /// Functions to walk once the top level is done.
    private var deferredFunctions: [FunctionDefinition] = []
    /// Class bodies to walk once the top level is done (their methods read names when called).
    private var deferredClasses: [ClassDefinition] = []
    /// Whether this walker walks a class body, whose methods do not see the body's names.
    private var isClassBody = false
    /// The methods a class body defines, walked by the enclosing walker.
    private var methods: [FunctionDefinition] = []
    /// Deepest nesting walked; deeper code is skipped rather than risking the stack.
    private static let maximumDepth = 200

    /// Walks a cell.
    mutating func walkTopLevel(_ statements: [Stmt]) {
        walk(statements, depth: 0)
        var index = 0
        while index < deferredFunctions.count {
            let function = deferredFunctions[index]
            index += 1
            walkFunction(function)
        }
        for definition in deferredClasses { walkClass(definition) }
    }

    private mutating func walk(_ statements: [Stmt], depth: Int) {
        for statement in statements { walk(statement, depth: depth) }
    }

    private mutating func walk(_ statement: Stmt, depth: Int) {
        guard depth < Self.maximumDepth else { return }
        switch statement.kind {
        case .expression(let expression):
            read(expression, depth: depth)
        case .assign(let targets, let value):
            read(value, depth: depth)
            for target in targets { bind(target, depth: depth) }
        case .augmentedAssign(let target, _, let value):
            read(value, depth: depth)
            read(target, depth: depth)
            bind(target, depth: depth)
        case .if(let branches, let orElse):
            for branch in branches {
                read(branch.test, depth: depth)
                walk(branch.body, depth: depth + 1)
            }
            walk(orElse, depth: depth + 1)
        case .while(let test, let body, let orElse):
            read(test, depth: depth)
            walk(body, depth: depth + 1)
            walk(orElse, depth: depth + 1)
        case .for(let target, let iterable, let body, let orElse):
            read(iterable, depth: depth)
            bind(target, depth: depth)
            walk(body, depth: depth + 1)
            walk(orElse, depth: depth + 1)
        case .with(let items, let body):
            for item in items {
                read(item.context, depth: depth)
                if let target = item.target { bind(target, depth: depth) }
            }
            walk(body, depth: depth + 1)
        case .functionDefinition(let function):
            for parameter in function.parameters {
                if let defaultValue = parameter.defaultValue { read(defaultValue, depth: depth) }
            }
            define(function.name)
            if isClassBody { methods.append(function) } else { deferredFunctions.append(function) }
        case .classDefinition(let definition):
            for base in definition.bases { read(base, depth: depth) }
            define(definition.name)
            deferredClasses.append(definition)
        case .decorated(let decorators, let definition):
            for decorator in decorators { read(decorator, depth: depth) }
            walk(definition, depth: depth)
        case .return(let value):
            if let value { read(value, depth: depth) }
        case .assert(let test, let message):
            read(test, depth: depth)
            if let message { read(message, depth: depth) }
        case .import(let modules):
            for module in modules {
                if let name = module.alias ?? module.path.first { defineImported(name) }
            }
        case .fromImport(_, let names):
            for imported in names { defineImported(imported.alias ?? imported.name) }
        case .delete(let targets):
            for target in targets { read(target, depth: depth) }
        case .raise(let value, let cause):
            if let value { read(value, depth: depth) }
            if let cause { read(cause, depth: depth) }
        case .try(let body, let handlers, let orElse, let finally):
            walk(body, depth: depth + 1)
            for handler in handlers {
                if let type = handler.type { read(type, depth: depth) }
                if let name = handler.name { define(name) }
                walk(handler.body, depth: depth + 1)
            }
            walk(orElse, depth: depth + 1)
            walk(finally, depth: depth + 1)
        case .break, .continue, .pass, .global, .nonlocal:
            break
        }
    }

    /// Binds a name by anything but an import.
    private mutating func define(_ name: String) {
        defined.insert(name)
        importedOnly.remove(name)
    }

    /// Binds a name by an import (unless the cell also binds it otherwise).
    private mutating func defineImported(_ name: String) {
        if !defined.contains(name) { importedOnly.insert(name) }
        defined.insert(name)
    }

    /// Records an assignment target: plain names are bound; subscripts and attributes read their base.
    private mutating func bind(_ target: Expr, depth: Int) {
        guard depth < Self.maximumDepth else { return }
        switch target.kind {
        case .name(let name):
            define(name)
        case .tuple(let elements), .list(let elements):
            for element in elements { bind(element, depth: depth + 1) }
        case .starred(let inner):
            bind(inner, depth: depth + 1)
        default:
            read(target, depth: depth)
        }
    }

    /// Records every name an expression reads at the top level.
    private mutating func read(_ expression: Expr, depth: Int) {
        var names = Set<String>()
        ExpressionNames.collect(expression, locals: [], into: &names, depth: depth)
        for name in names where !defined.contains(name) { used.insert(name) }
    }

    /// A class body binds its own names (class attributes, methods); what it and its methods read
    /// from outside are uses unless the cell binds them at the top level.
    private mutating func walkClass(_ definition: ClassDefinition) {
        var body = NameWalker()
        body.isClassBody = true
        body.walkTopLevel(definition.body)
        for name in body.used where !defined.contains(name) { used.insert(name) }
        // Python's rule: a method's free names are looked up in the module, never in the class body.
        for method in body.methods { walkFunction(method) }
    }

    /// A function body's free names are uses unless the cell binds them at the top level.
    private mutating func walkFunction(_ function: FunctionDefinition) {
        var locals = Set(function.parameters.map(\.name))
        FunctionLocals.collect(function.body, into: &locals)
        locals.subtract(function.globals)
        var names = Set<String>()
        ExpressionNames.collect(statements: function.body, locals: locals, into: &names, depth: 0)
        for name in names where !defined.contains(name) { used.insert(name) }
        var assigned = Set<String>()
        FunctionLocals.collect(function.body, into: &assigned)
        defined.formUnion(function.globals.intersection(assigned))
    }
}
