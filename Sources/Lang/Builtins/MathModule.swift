import Foundation

extension Interpreter {
    /// `import math`: the common functions and constants.
    func installMath() {
        let math = Module("math")
        math.attributes["pi"] = .float(Double.pi)
        math.attributes["e"] = .float(M_E)
        math.attributes["inf"] = .float(.infinity)
        math.attributes["nan"] = .float(.nan)
        let unary: [(String, (Double) -> Double)] = [
            ("sqrt", { $0.squareRoot() }), ("exp", { Foundation.exp($0) }), ("log", { Foundation.log($0) }),
            ("log2", { Foundation.log2($0) }), ("log10", { Foundation.log10($0) }), ("sin", { Foundation.sin($0) }),
            ("cos", { Foundation.cos($0) }), ("tan", { Foundation.tan($0) }), ("tanh", { Foundation.tanh($0) }),
            ("fabs", { Swift.abs($0) }),
        ]
        for (name, function) in unary {
            math.attributes[name] = .builtin(
                BuiltinFunction(name) { interpreter, arguments throws(PyError) in
                    try arguments.expectPositional(name, 1)
                    let x = try interpreter.floatArgument(arguments.positional[0], "\(name)() argument")
                    if (name == "sqrt" && x < 0) || (name.hasPrefix("log") && x <= 0) {
                        throw PyError.value("math domain error")
                    }
                    return .float(function(x))
                })
        }
        for name in ["floor", "ceil", "trunc"] {
            math.attributes[name] = .builtin(
                BuiltinFunction(name) { interpreter, arguments throws(PyError) in
                    try arguments.expectPositional(name, 1)
                    let x = try interpreter.floatArgument(arguments.positional[0], "\(name)() argument")
                    let rule: FloatingPointRoundingRule = name == "floor" ? .down : name == "ceil" ? .up : .towardZero
                    return try interpreter.toInt(.float(x.rounded(rule)))
                })
        }
        math.attributes["isclose"] = .builtin(
            BuiltinFunction("isclose") { interpreter, arguments throws(PyError) in
                let values = try arguments.bind("isclose", ["a", "b", "rel_tol", "abs_tol"], required: 2)
                let a = try interpreter.floatArgument(values[0] ?? .none, "a")
                let b = try interpreter.floatArgument(values[1] ?? .none, "b")
                let relative =
                    try values[2].map { (v) throws(PyError) in try interpreter.floatArgument(v, "rel_tol") } ?? 1e-9
                let absolute =
                    try values[3].map { (v) throws(PyError) in try interpreter.floatArgument(v, "abs_tol") } ?? 0
                return .bool(a == b || Swift.abs(a - b) <= max(relative * max(Swift.abs(a), Swift.abs(b)), absolute))
            })
        modules["math"] = math
    }
}
