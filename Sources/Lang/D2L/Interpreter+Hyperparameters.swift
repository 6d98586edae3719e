extension Interpreter {
    /// d2l's `HyperParameters.save_hyperparameters(self, ignore=[])`: the calling function's
    /// arguments (and any other locals bound so far), except `self`, the names in `ignore` and
    /// names starting with `_`, become attributes of `self`, and `self.hparams` maps them.
    ///
    /// d2l reads the caller's frame with `inspect.getargvalues`; a native method runs in the
    /// caller's frame, so the interpreter's current scope *is* that frame. The order is
    /// CPython's `f_locals` order: the parameters as declared (keyword-only ones, then `*args`,
    /// then `**kwargs`), then the other locals in the order they were bound.
    func makeSaveHyperparameters() -> NativeMethod {
        NativeMethod("save_hyperparameters", owner: "HyperParameters") {
            interpreter, receiver, arguments throws(PyError) in
            let values = try arguments.bind("save_hyperparameters", ["ignore"])
            var skipped: Set<String> = ["self"]
            if let ignore = values[0] {
                // d2l's `set(ignore + ['self'])`, with its errors for an `ignore` that is not a list.
                let names = try interpreter.binary(
                    .add, ignore, .list(try ListBox([.str("self")], budget: interpreter.memory)))
                for case .str(let name) in try interpreter.iterateAll(names) { skipped.insert(name) }
            }
            let hparams = DictBox(budget: interpreter.memory)
            for (name, value) in interpreter.callerLocals() where !skipped.contains(name) && !name.hasPrefix("_") {
                try hparams.set(.str(name), .str(CodePointKey(name)), value)
            }
            try interpreter.setAttribute(receiver, "hparams", .dict(hparams))
            for (key, value) in hparams.entries {
                guard case .str(let name) = key else { continue }
                try interpreter.setAttribute(receiver, name, value)
            }
            return .none
        }
    }

    /// The running frame's local variables in CPython's `f_locals` order (see
    /// ``makeSaveHyperparameters()``); at top level, the globals.
    private func callerLocals() -> [(name: String, value: Value)] {
        let bound = scope.variables.allVariables
        guard let function else { return bound }
        let kinds: [Parameter.Kind] = [.normal, .keywordOnly, .varArgs, .varKeywords]
        var ordered: [String] = []
        for kind in kinds {
            ordered += function.parameters.filter { $0.kind == kind }.map(\.name)
        }
        let parameters = Set(ordered)
        ordered += bound.map(\.name).filter { !parameters.contains($0) }
        var result: [(name: String, value: Value)] = []
        for name in ordered {
            if let value = scope.variables[name] { result.append((name, value)) }
        }
        return result
    }
}
