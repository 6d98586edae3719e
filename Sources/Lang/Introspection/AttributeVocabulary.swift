/// Attribute names worth offering after a dot, for values whose attributes the interpreter resolves
/// by name rather than keeping in a table (tensors, strings, containers, built-in layers).
///
/// Completion offers only those a value really has: each candidate is looked up on the value, so
/// this list may name more than the language implements (PyTorch's and Python's own names).
enum AttributeVocabulary {
    static let candidates: [String] = tensor + module + str + containers + numbers

    static let tensor = [
        "T", "abs", "add", "add_", "all", "any", "argmax", "argmin", "backward", "bool", "clamp", "clamp_", "clone",
        "contiguous", "cos", "cpu", "data", "detach", "dim", "div", "div_", "double", "dtype", "eq", "exp", "expand",
        "fill_", "flatten", "float", "ge", "grad", "grad_fn", "gt", "int", "is_leaf", "item", "le", "log", "long",
        "lt", "matmul", "max", "mean", "min", "mm", "mul", "mul_", "ndim", "ne", "neg", "norm", "numel", "numpy",
        "permute", "pow", "prod", "relu", "repeat", "requires_grad", "requires_grad_", "reshape", "round", "shape",
        "sigmoid", "sin", "size", "softmax", "sqrt", "squeeze", "std", "sub", "sub_", "sum", "t", "tanh", "to",
        "tolist", "transpose", "type", "unsqueeze", "var", "view", "zero_",
    ]

    static let module = [
        "add_module", "apply", "bias", "children", "eval", "forward", "in_channels", "kernel_size",
        "load_state_dict", "modules", "named_children", "named_modules", "named_parameters", "out_channels",
        "padding", "parameters", "state_dict", "stride", "train", "training", "weight", "zero_grad",
    ]

    static let str = [
        "capitalize", "center", "count", "endswith", "find", "format", "index", "isalpha", "isdigit", "islower",
        "isspace", "isupper", "join", "ljust", "lower", "lstrip", "partition", "replace", "rfind", "rjust",
        "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "title", "upper", "zfill",
    ]

    static let containers = [
        "append", "clear", "copy", "extend", "get", "insert", "items", "keys", "pop", "popitem", "remove",
        "reverse", "setdefault", "sort", "update", "values", "add", "discard", "union", "intersection",
        "difference",
    ]

    static let numbers = ["as_integer_ratio", "bit_length", "conjugate", "imag", "is_integer", "real"]
}
