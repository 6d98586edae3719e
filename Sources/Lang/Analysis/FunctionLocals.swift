/// The names a function body binds locally (Python's rule: any name assigned anywhere in the body).
///
/// Nested function bodies are not entered: their bindings are theirs.
enum FunctionLocals {
    /// Adds the names `body` binds to `locals`.
    static func collect(_ body: [Stmt], into locals: inout Set<String>, depth: Int = 0) {
        guard depth < 200 else { return }
        for statement in body {
            switch statement.kind {
            case .assign(let targets, _):
                for target in targets { targetNames(target, into: &locals) }
            case .augmentedAssign(let target, _, _):
                targetNames(target, into: &locals)
            case .for(let target, _, let body, let orElse):
                targetNames(target, into: &locals)
                collect(body, into: &locals, depth: depth + 1)
                collect(orElse, into: &locals, depth: depth + 1)
            case .if(let branches, let orElse):
                for branch in branches { collect(branch.body, into: &locals, depth: depth + 1) }
                collect(orElse, into: &locals, depth: depth + 1)
            case .while(_, let body, let orElse):
                collect(body, into: &locals, depth: depth + 1)
                collect(orElse, into: &locals, depth: depth + 1)
            case .with(let items, let body):
                for item in items { if let target = item.target { targetNames(target, into: &locals) } }
                collect(body, into: &locals, depth: depth + 1)
            case .functionDefinition(let function):
                locals.insert(function.name)
            case .import(let modules):
                for module in modules { if let name = module.alias ?? module.path.first { locals.insert(name) } }
            case .fromImport(_, let names):
                for imported in names { locals.insert(imported.alias ?? imported.name) }
            case .try(let body, let handlers, let orElse, let finally):
                collect(body, into: &locals, depth: depth + 1)
                for handler in handlers {
                    if let name = handler.name { locals.insert(name) }
                    collect(handler.body, into: &locals, depth: depth + 1)
                }
                collect(orElse, into: &locals, depth: depth + 1)
                collect(finally, into: &locals, depth: depth + 1)
            case .expression, .break, .continue, .pass, .return, .assert, .global, .nonlocal, .delete, .raise:
                break
            }
        }
    }

    /// The plain names an assignment target binds (`a`, `a, b`, `*rest`); `x[i]` and `x.y` bind none.
    static func targetNames(_ target: Expr, into names: inout Set<String>, depth: Int = 0) {
        guard depth < 200 else { return }
        switch target.kind {
        case .name(let name): names.insert(name)
        case .tuple(let elements), .list(let elements):
            for element in elements { targetNames(element, into: &names, depth: depth + 1) }
        case .starred(let inner): targetNames(inner, into: &names, depth: depth + 1)
        default: break
        }
    }
}
