/// `torch.device`: where a tensor lives. Convbook computes on the CPU only, but programs name
/// devices as the book does (`d2l.try_gpu()`, `X.to(device)`, `torch.device('cuda:0')`), so a
/// device is a value that prints, compares and hashes as PyTorch's does.
///
/// Each distinct device is one object per session (``Interpreter/device(type:index:)``), so
/// equal devices are also the same object: `==`, `hash` and dict keys agree without an
/// `__eq__` of their own.
final class DeviceObject: PyObject {
    /// `cpu` or `cuda` (the device types PyTorch programs in the book name).
    let type: String
    /// The device index (`cuda:1`), `nil` when none was given.
    let index: Int?

    init(type: String, index: Int?) {
        self.type = type
        self.index = index
    }

    /// `cpu`, `cuda:0`: the text `torch.device` parses and `str()` prints.
    var name: String { index.map { "\(type):\($0)" } ?? type }

    override var typeName: String { "device" }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "type": .str(type)
        case "index": index.map { .int($0) } ?? Value.none
        default: nil
        }
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        index.map { "device(type='\(type)', index=\($0))" } ?? "device(type='\(type)')"
    }

    override func str(_ interpreter: Interpreter) throws(PyError) -> String { name }
}

extension Interpreter {
    /// The session's one object for a device.
    func device(type: String, index: Int?) -> DeviceObject {
        let key = index.map { "\(type):\($0)" } ?? type
        if let known = devices[key] { return known }
        let device = DeviceObject(type: type, index: index)
        devices[key] = device
        return device
    }

    /// The CPU, where every tensor is.
    var cpuDevice: DeviceObject { device(type: "cpu", index: nil) }

    /// `torch.device('cuda:0')`, `torch.device('cpu')`, `torch.device('cuda', 1)`, or a device.
    func makeDevice(_ arguments: Arguments) throws(PyError) -> DeviceObject {
        let values = try arguments.bind("device", ["type", "index"], required: 1)
        let index = try values[1].orNone.map { (value) throws(PyError) in try intArgument(value, "index") }
        switch values[0] ?? .none {
        case .object(let device as DeviceObject) where index == nil:
            return device
        case .str(let text):
            return try parseDevice(text, index: index)
        case .int where index == nil:
            // A bare index means the current accelerator, which a CPU-only PyTorch does not have.
            throw PyError.runtime("Cannot access accelerator device when none is available.")
        case let other:
            throw PyError.type("device() received an invalid combination of arguments - got (\(typeName(of: other)))")
        }
    }

    private func parseDevice(_ text: String, index: Int?) throws(PyError) -> DeviceObject {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let type = parts[0]
        guard ["cpu", "cuda", "mps", "meta", "xpu"].contains(type) else {
            throw PyError.runtime(
                "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, "
                    + "vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: \(text)")
        }
        var ordinal = index
        if parts.count == 2 {
            guard index == nil else {
                throw PyError.runtime(
                    "type (string) must not include an index because index was passed explicitly: \(text)")
            }
            guard let number = Int(parts[1]), number >= 0, !parts[1].hasPrefix("+") else {
                throw PyError.runtime("Invalid device string: '\(text)'")
            }
            ordinal = number
        }
        if let ordinal, ordinal < 0 {
            throw PyError.runtime("Device index must not be negative")
        }
        return device(type: type, index: ordinal)
    }

    /// The device a `.to(…)` argument names, `nil` when the value is not a device (a dtype, a
    /// tensor); moving to a GPU is an error that says this runs on the CPU.
    func targetDevice(_ value: Value) throws(PyError) -> DeviceObject? {
        let device: DeviceObject
        switch value {
        case .object(let object as DeviceObject): device = object
        case .str(let text): device = try parseDevice(text, index: nil)
        default: return nil
        }
        guard device.type == "cpu" else {
            throw PyError(
                .assertionError,
                "Torch not compiled with CUDA enabled (Convbook computes on the CPU: torch.cuda.is_available() is "
                    + "False, and d2l.try_gpu() gives the CPU)")
        }
        return device
    }

    /// `torch.cuda`: no GPU here.
    func makeCudaModule() -> Module {
        let cuda = Module("torch.cuda")
        cuda.define("is_available") { _, arguments throws(PyError) in
            try arguments.expectPositional("is_available", 0)
            return .bool(false)
        }
        cuda.define("device_count") { _, arguments throws(PyError) in
            try arguments.expectPositional("device_count", 0)
            return .int(0)
        }
        return cuda
    }
}
