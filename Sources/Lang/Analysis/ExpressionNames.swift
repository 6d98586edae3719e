/// Collects the free names an expression (or a function body) reads.
///
/// `locals` are names bound in the enclosing function, lambda or comprehension, which are not free.
/// Nesting deeper than `maximumDepth` is skipped rather than risking the stack.
enum ExpressionNames {
    /// Deepest nesting walked.
    static let maximumDepth = 200

    /// Adds the free names `expression` reads to `names`.
    static func collect(_ expression: Expr, locals: Set<String>, into names: inout Set<String>, depth: Int) {
        guard depth < maximumDepth else { return }
        let next = depth + 1
        func visit(_ child: Expr) { collect(child, locals: locals, into: &names, depth: next) }
        switch expression.kind {
        case .name(let name):
            if !locals.contains(name) { names.insert(name) }
        case .int, .float, .string, .bool, .none, .ellipsis:
            break
        case .fstring(let parts):
            collect(parts, locals: locals, into: &names, depth: next)
        case .unary(_, let operand), .not(let operand), .starred(let operand), .attribute(let operand, _):
            visit(operand)
        case .binary(_, let left, let right), .subscript(let left, let right):
            visit(left)
            visit(right)
        case .logical(_, let operands), .tuple(let operands), .list(let operands), .set(let operands):
            operands.forEach(visit)
        case .compare(let first, let rest):
            visit(first)
            for (_, operand) in rest { visit(operand) }
        case .conditional(let test, let then, let orElse):
            visit(test)
            visit(then)
            visit(orElse)
        case .lambda(let function):
            collect(function: function, outerLocals: locals, into: &names, depth: next)
        case .call(let callee, let arguments):
            visit(callee)
            for argument in arguments {
                switch argument {
                case .positional(let value), .keyword(_, let value), .star(let value), .doubleStar(let value):
                    visit(value)
                }
            }
        case .slice(let lower, let upper, let step):
            for part in [lower, upper, step] { if let part { visit(part) } }
        case .dict(let entries):
            for entry in entries {
                if let key = entry.key { visit(key) }
                visit(entry.value)
            }
        case .listComprehension(let element, let clauses), .setComprehension(let element, let clauses),
            .generator(let element, let clauses):
            collect(comprehension: [element], clauses, locals: locals, into: &names, depth: next)
        case .dictComprehension(let key, let value, let clauses):
            collect(comprehension: [key, value], clauses, locals: locals, into: &names, depth: next)
        }
    }

    /// Adds the free names of every statement of a function body.
    static func collect(statements: [Stmt], locals: Set<String>, into names: inout Set<String>, depth: Int) {
        guard depth < maximumDepth else { return }
        let next = depth + 1
        func visit(_ child: Expr) { collect(child, locals: locals, into: &names, depth: next) }
        func visit(_ body: [Stmt]) { collect(statements: body, locals: locals, into: &names, depth: next) }
        for statement in statements {
            switch statement.kind {
            case .expression(let value), .augmentedAssign(_, _, let value):
                visit(value)
                if case .augmentedAssign(let target, _, _) = statement.kind { visit(target) }
            case .assign(let targets, let value):
                visit(value)
                for target in targets { visitTargetBase(target, visit) }
            case .if(let branches, let orElse):
                for branch in branches {
                    visit(branch.test)
                    visit(branch.body)
                }
                visit(orElse)
            case .while(let test, let body, let orElse):
                visit(test)
                visit(body)
                visit(orElse)
            case .for(let target, let iterable, let body, let orElse):
                visit(iterable)
                visitTargetBase(target, visit)
                visit(body)
                visit(orElse)
            case .with(let items, let body):
                for item in items { visit(item.context) }
                visit(body)
            case .functionDefinition(let function):
                collect(function: function, outerLocals: locals, into: &names, depth: next)
            case .classDefinition(let definition):
                definition.bases.forEach(visit)
                var classLocals = locals
                FunctionLocals.collect(definition.body, into: &classLocals)
                collect(statements: definition.body, locals: classLocals, into: &names, depth: next)
            case .decorated(let decorators, let definition):
                decorators.forEach(visit)
                visit([definition])
            case .return(let value):
                if let value { visit(value) }
            case .raise(let value, let cause):
                if let value { visit(value) }
                if let cause { visit(cause) }
            case .assert(let test, let message):
                visit(test)
                if let message { visit(message) }
            case .delete(let targets):
                targets.forEach(visit)
            case .try(let body, let handlers, let orElse, let finally):
                visit(body)
                for handler in handlers {
                    if let type = handler.type { visit(type) }
                    visit(handler.body)
                }
                visit(orElse)
                visit(finally)
            case .import, .fromImport, .break, .continue, .pass, .global, .nonlocal:
                break
            }
        }
    }

    /// A nested function or lambda: its defaults are read outside, its body with its own locals added.
    private static func collect(
        function: FunctionDefinition, outerLocals: Set<String>, into names: inout Set<String>, depth: Int
    ) {
        for parameter in function.parameters {
            if let defaultValue = parameter.defaultValue {
                collect(defaultValue, locals: outerLocals, into: &names, depth: depth)
            }
        }
        var locals = outerLocals.union(function.parameters.map(\.name))
        FunctionLocals.collect(function.body, into: &locals)
        locals.subtract(function.globals)
        collect(statements: function.body, locals: locals, into: &names, depth: depth)
    }

    /// Comprehension clauses bind their targets for the element and the later clauses.
    private static func collect(
        comprehension elements: [Expr], _ clauses: [Comprehension], locals: Set<String>,
        into names: inout Set<String>, depth: Int
    ) {
        var scope = locals
        for clause in clauses {
            collect(clause.iterable, locals: scope, into: &names, depth: depth)
            FunctionLocals.targetNames(clause.target, into: &scope)
            for condition in clause.conditions { collect(condition, locals: scope, into: &names, depth: depth) }
        }
        for element in elements { collect(element, locals: scope, into: &names, depth: depth) }
    }

    private static func collect(_ parts: [FStringPart], locals: Set<String>, into names: inout Set<String>, depth: Int)
    {
        guard depth < maximumDepth else { return }
        for part in parts {
            if case .field(let value, _, let spec, _) = part {
                collect(value, locals: locals, into: &names, depth: depth + 1)
                collect(spec, locals: locals, into: &names, depth: depth + 1)
            }
        }
    }

    /// An assignment target inside a function reads the bases of subscripts and attributes.
    private static func visitTargetBase(_ target: Expr, _ visit: (Expr) -> Void) {
        switch target.kind {
        case .name: break
        case .tuple(let elements), .list(let elements):
            for element in elements { visitTargetBase(element, visit) }
        case .starred(let inner): visitTargetBase(inner, visit)
        default: visit(target)
        }
    }
}
