import Tensors

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
