import Tensors

/// `d2l` (the book's `from d2l import torch as d2l`), assembled in one place: the tensor aliases
/// and device helpers of d2l's `torch.py` as native functions (hot in the book's loops), the
/// class framework and saved models as Python (``D2LPrelude``), run once per session on the
/// first import.
extension Interpreter {
    /// The `d2l` package (`name` `d2l`) or its `d2l.torch` module, which the book imports
    /// (`from d2l import torch as d2l`); both are made on first use.
    func loadD2L(_ name: String) throws(PyError) -> Module {
        if let module = modules[name] { return module }
        let d2l = makeD2LNatives()
        try runPrelude(into: d2l)
        modules["d2l.torch"] = d2l
        modules["d2l"] = Module("d2l", ["torch": .module(d2l)])
        return modules[name] ?? d2l
    }

    /// Runs ``D2LPrelude`` in a namespace of its own that sees the natives, `torch`, `nn` and `F`
    /// (its functions close over it, so the user's globals never shadow them), then publishes
    /// what it defined as attributes of `d2l`.
    private func runPrelude(into d2l: Module) throws(PyError) {
        let namespace = Scope()
        for (name, value) in d2l.attributes { namespace.variables[name] = value }
        namespace.variables["d2l"] = .module(d2l)
        for (name, path) in [("torch", "torch"), ("nn", "torch.nn"), ("F", "torch.nn.functional")] {
            if let module = modules[path] { namespace.variables[name] = .module(module) }
        }
        namespace.variables["_save_hyperparameters"] = .object(makeSaveHyperparameters())

        let savedScope = scope
        let savedFunction = function
        let savedSource = source
        let savedModuleName = moduleName
        scope = namespace
        function = nil
        moduleName = "d2l.torch"
        defer {
            scope = savedScope
            function = savedFunction
            source = savedSource
            moduleName = savedModuleName
        }
        source = D2LPrelude.source
        _ = try execute(D2LPrelude.statements)
        // The data and training classes (issue 18), built on the framework above.
        source = D2LTrainingPrelude.source
        _ = try execute(D2LTrainingPrelude.statements)
        for (name, value) in namespace.variables.allVariables where !name.hasPrefix("_") {
            d2l.attributes[name] = value
        }
    }

    /// The native part of `d2l`: d2l's aliases of `torch` functions and tensor methods,
    /// `corr2d`, `plot` and the device helpers.
    private func makeD2LNatives() -> Module {
        let d2l = Module("d2l.torch")
        guard let torch = modules["torch"] else { return d2l }
        // `ones = torch.ones` and the like at the end of d2l's torch.py.
        let same = [
            "ones_like", "ones", "zeros_like", "zeros", "tensor", "arange", "sin", "cos", "tanh", "linspace", "exp",
            "log", "normal", "rand", "randn", "matmul", "int32", "int64", "float32", "stack", "abs", "eye", "sigmoid",
        ]
        for name in same { d2l.attributes[name] = torch.attributes[name] }
        d2l.attributes["concat"] = torch.attributes["cat"]
        d2l.attributes["batch_matmul"] = torch.attributes["bmm"]
        d2l.attributes["argmax"] = torch.attributes["argmax"]
        // `reduce_sum = lambda x, *args, **kwargs: x.sum(*args, **kwargs)` and the like.
        let methodAliases: [(String, String)] = [
            ("reshape", "reshape"), ("reduce_sum", "sum"), ("reduce_mean", "mean"), ("transpose", "t"),
            ("size", "numel"), ("numpy", "detach"), ("to", "to"), ("astype", "type"), ("expand_dims", "unsqueeze"),
            ("swapaxes", "swapaxes"),
        ]
        for (name, method) in methodAliases {
            d2l.define(
                name,
                unary: { interpreter, value throws(PyError) in
                    try interpreter.callAsMethod(method, unary: consume value)
                }
            ) { interpreter, arguments throws(PyError) in
                try interpreter.callAsMethod(method, arguments)
            }
        }
        d2l.define("corr2d") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("corr2d", 2)
            if interpreter.tracks(arguments.positional[0]) || interpreter.tracks(arguments.positional[1]) {
                let x = try interpreter.trackedArgument(arguments.positional[0], "corr2d(): X")
                let k = try interpreter.trackedArgument(arguments.positional[1], "corr2d(): K")
                return interpreter.result(try engine { () throws(TensorError) in try TrackedTensor.corr2d(x, k) })
            }
            let x = try interpreter.tensorArgument(arguments.positional[0], "corr2d(): X")
            let k = try interpreter.tensorArgument(arguments.positional[1], "corr2d(): K")
            return .tensor(try engine { () throws(TensorError) in try corr2d(x, k) })
        }
        d2l.define("plot") { interpreter, arguments throws(PyError) in
            interpreter.emit(try interpreter.d2lPlotFigure(arguments))
            return .none
        }
        defineDevices(in: d2l)
        // The live training plots: `Animator` and what `ProgressBoard.draw` redraws (Display/).
        defineLivePlots(in: d2l)
        // Stopping cleanly and a progress line per epoch for the Trainer (Interpreter+TrainingControl).
        defineTrainingControl(in: d2l)
        return d2l
    }

    /// `cpu()`, `gpu(i)`, `num_gpus()`, `try_gpu(i)`, `try_all_gpus()`: there is no GPU here.
    private func defineDevices(in d2l: Module) {
        d2l.define("cpu") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("cpu", 0)
            return .object(interpreter.cpuDevice)
        }
        d2l.define("gpu") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("gpu", ["i"])
            let index = try values[0].map { (value) throws(PyError) in try interpreter.intArgument(value, "i") } ?? 0
            return .object(interpreter.device(type: "cuda", index: index))
        }
        d2l.define("num_gpus") { _, arguments throws(PyError) in
            try arguments.expectPositional("num_gpus", 0)
            return .int(0)
        }
        d2l.define("try_gpu") { interpreter, arguments throws(PyError) in
            _ = try arguments.bind("try_gpu", ["i"])
            return .object(interpreter.cpuDevice)
        }
        d2l.define("try_all_gpus") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("try_all_gpus", 0)
            return .list(try ListBox([], budget: interpreter.memory))
        }
    }

    /// What an unknown attribute of a module adds to `AttributeError`: that Convbook implements a
    /// subset of the library, and how to list it.
    static func subsetNote(_ moduleName: String) -> String {
        if moduleName.hasPrefix("d2l") { return " (Convbook implements a subset of d2l; dir(d2l) lists it)" }
        if moduleName.hasPrefix("torch") {
            return " (Convbook implements a subset of PyTorch; dir(\(moduleName)) lists it)"
        }
        return ""
    }
}
