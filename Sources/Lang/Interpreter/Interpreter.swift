import Diagnostics
import Tensors

/// Evaluates parsed statements, tree-walking over the AST with Python's semantics.
///
/// An interpreter belongs to one ``Session`` and runs on that session's evaluator thread; it is
/// never shared between threads.
final class Interpreter {
    let globals: Scope
    var builtins: [String: Value] = [:]
    /// The scope of the running function (the globals at top level).
    ///
    /// Read on every name lookup, so not checked for exclusive access at run time: it is only
    /// ever read or replaced whole (never passed `inout`), on the session's evaluator thread.
    @exclusivity(unchecked) var scope: Scope
    /// The definition of the running function, `nil` at top level.
    var function: FunctionDefinition?
    /// The running user function, which `super()` needs (its class and its `self`); `nil` at
    /// top level. Unowned and unchecked: the caller's frame keeps the function alive for the
    /// whole call, and the field is restored when the call returns.
    unowned(unsafe) var runningFunction: Function?
    /// `nn.Module`, the base class of user models, made on first use.
    lazy var moduleClass = makeModuleClass()
    /// The `__name__` of the module whose code is running (`__main__`, or `d2l.torch` while the
    /// d2l prelude runs): the `__module__` of the classes it defines.
    var moduleName = "__main__"
    /// The name of the running frame for tracebacks.
    var frameName = "<module>"
    /// The source the running code came from.
    var source: Source
    var callDepth = 0
    /// Nesting of `repr`/`==` over containers (a list inside itself must not recurse forever).
    var reprDepth = 0
    /// Lists and dicts whose repr is being built (to print a self-reference as `[...]`).
    var reprInProgress: Set<ObjectIdentifier> = []
    /// The deepest container nesting `repr` and `==` walk before `RecursionError`.
    static let maximumContainerDepth = 1000
    var limits: ExecutionLimits
    /// The session's memory limit applied to its lists, dicts, sets, tuples and strings.
    let memory: MemoryBudget
    let interrupt: InterruptFlag
    /// Until when a requested interrupt waits (set by d2l's `_uninterruptible` around an optimizer step,
    /// so an interrupt never leaves a model half updated); `nil` when interrupts land at once.
    var interruptDeferredUntil: ContinuousClock.Instant?
    /// Where a library loop is (d2l's Trainer: "stopped in epoch 3 of 10, …"): `KeyboardInterrupt`'s
    /// message, so the cell says where training stopped. Cleared when a cell starts.
    var interruptNote: String?
    /// Where d2l's Trainer sends a progress line per epoch (`convbook run` prints them on stderr); `nil`
    /// where the live figure shows the progress (the page, Jupyter).
    var progressSink: (@Sendable (String) -> Void)?
    var deadline: ContinuousClock.Instant?
    var backEdges = 0
    /// Captured output of the running cell.
    var output = OutputBuffer(limit: 1_000_000)
    /// Figures of the running cell and where `load_image` finds pictures.
    var display = DisplayState()
    /// The random generator behind `torch.rand`, `nn` initialisation and friends.
    var random: RandomGenerator
    /// Whether tensor operations are recorded for `backward()` (off inside `torch.no_grad()`).
    var gradEnabled = true
    /// Modules available to `import`, by dotted name.
    var modules: [String: Module] = [:]
    /// The session's `torch.device` objects by name (`cpu`, `cuda:0`), one per device.
    var devices: [String: DeviceObject] = [:]
    /// The built-in layer classes of `torch.nn` by name (see ``makeLayerTypes(in:)``).
    var layerTypes: [String: LayerType] = [:]
    /// Builtin type objects by Python type name.
    var typeObjects: [String: TypeObject] = [:]
    /// The builtin exception classes by name (see ``makeExceptionClasses()``).
    var exceptionClasses: [ExceptionName: ClassObject] = [:]
    /// The builtin exception class looked up last: a loop that catches an error catches the
    /// same one each time, and comparing its name is cheaper than hashing it.
    var recentExceptionClass: ClassObject?
    /// The exceptions whose handlers are running, innermost last: what a bare `raise`
    /// re-raises and what an exception raised meanwhile records as its `__context__`.
    var handledErrors: [PyError] = []
    /// The shape of the last block a subscript sliced (`X[i:i + h, j:j + w]`): the next block of
    /// the same shape shares this array instead of allocating one.
    var lastBlockShape: [Int] = []
    /// A small float tensor box that an assignment statement was the last to hold (the 0-d sum
    /// stored by `Y[i, j] = d2l.reduce_sum(…)`): the next block a subscript copies out takes
    /// this box and its buffer instead of allocating both, as CPython keeps free lists of small
    /// objects. No program can see it: it is kept only when nothing else referred to it.
    /// Always a plain float32 tensor of at most ``spareTensorLimit`` elements.
    var spareTensorBox: TensorBox?
    /// The most elements a spare box may hold, so that it never keeps much memory alive.
    static let spareTensorLimit = 256

    init(limits: ExecutionLimits, interrupt: InterruptFlag, seed: UInt64 = 0) {
        globals = Scope()
        scope = globals
        source = Source(name: "<none>", text: "")
        self.limits = limits
        memory = MemoryBudget(limit: limits.maximumMemoryBytes)
        self.interrupt = interrupt
        self.random = RandomGenerator(seed: seed)
        builtins = makeBuiltins()
        installModules()
    }

    // MARK: Limits

    /// Called at loop back-edges, calls and inside long builtins.
    @inline(__always)
    func checkInterrupt() throws(PyError) {
        if interrupt.isSet, interruptIsDue() {
            throw PyError(.keyboardInterrupt, interruptNote ?? "")
        }
        backEdges &+= 1
        if backEdges & 1023 == 0, let deadline, ContinuousClock.now > deadline {
            throw PyError(.timeoutError, "the cell ran longer than its time limit")
        }
    }

    /// Whether a requested interrupt may land now: not while an optimizer step is being kept whole.
    func interruptIsDue() -> Bool {
        guard let until = interruptDeferredUntil else { return true }
        return ContinuousClock.now >= until
    }

    // MARK: Names

    func lookup(_ name: String) throws(PyError) -> Value {
        try lookup(name, key: VariableTable.key(name))
    }

    /// Looks `name` up with its precomputed table key (`Expr.nameKey`).
    func lookup(_ name: String, key: UInt64) throws(PyError) -> Value {
        // The innermost scope first, without walking (and retaining) the chain.
        if let value = scope.variables.value(of: name, key: key) { return value }
        var current: Scope? = scope.parent
        while let scope = current {
            if let value = scope.variables.value(of: name, key: key) { return value }
            current = scope.parent
        }
        if scope !== globals, let value = globals.variables.value(of: name, key: key) { return value }
        if let value = builtins[name] { return value }
        throw PyError(.nameError, "name '\(name)' is not defined")
    }

    func assign(_ name: String, _ value: Value) {
        assign(name, key: VariableTable.key(name), value)
    }

    /// Binds `name` with its precomputed table key (`Expr.nameKey`).
    func assign(_ name: String, key: UInt64, _ value: Value) {
        if let function, !function.globals.isEmpty || !function.nonlocals.isEmpty {
            if function.globals.contains(name) {
                globals.variables[name] = value
                return
            }
            if function.nonlocals.contains(name) {
                var current = scope.parent
                while let enclosing = current {
                    if enclosing.variables[name] != nil {
                        enclosing.variables[name] = value
                        return
                    }
                    current = enclosing.parent
                }
            }
        }
        scope.variables.set(name, key: key, value)
    }

    func delete(_ name: String) throws(PyError) {
        if let function, function.globals.contains(name) {
            guard globals.variables.removeValue(forKey: name) != nil else {
                throw PyError(.nameError, "name '\(name)' is not defined")
            }
            return
        }
        guard scope.variables.removeValue(forKey: name) != nil else {
            throw PyError(.nameError, "name '\(name)' is not defined")
        }
    }
}

/// Captured `print` output of one cell, capped in size.
struct OutputBuffer {
    var chunks: [String] = []
    var bytes = 0
    var truncated = false
    let limit: Int
    /// Receives complete lines as they are printed (a host streaming output); they are not kept.
    let lineSink: ((String) -> Void)?

    init(limit: Int, lineSink: ((String) -> Void)? = nil) {
        self.limit = limit
        self.lineSink = lineSink
    }

    mutating func write(_ text: String) {
        guard !truncated else { return }
        let size = text.utf8.count
        if bytes + size > limit {
            let room = max(0, limit - bytes)
            let prefix = String(decoding: Array(text.utf8.prefix(room)), as: UTF8.self)
            chunks.append(prefix + "\n[output truncated: the cell printed more than \(limit) bytes]\n")
            bytes = limit
            truncated = true
            streamCompleteLines()
            return
        }
        bytes += size
        if let last = chunks.last, !last.hasSuffix("\n") || size < 64 {
            // Coalesce small writes so a cell's output is a few chunks, not one per print.
            chunks[chunks.count - 1] = last + text
        } else {
            chunks.append(text)
        }
        streamCompleteLines()
    }

    /// Hands the text up to the last newline to the sink, keeping an unfinished line.
    private mutating func streamCompleteLines() {
        guard let lineSink, let last = chunks.last, last.utf8.contains(10) else { return }
        let text = Array(take().utf8)
        guard let newline = text.lastIndex(of: 10) else { return }
        lineSink(String(decoding: text[...newline], as: UTF8.self))
        if newline + 1 < text.count { chunks.append(String(decoding: text[(newline + 1)...], as: UTF8.self)) }
    }

    mutating func take() -> String {
        let text = chunks.joined()
        chunks.removeAll()
        return text
    }
}
