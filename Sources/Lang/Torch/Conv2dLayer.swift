import Foundation
import Tensors

/// `nn.Conv2d` and `nn.LazyConv2d` (which learns `c_i` from its first input).
final class Conv2dLayer: Layer {
    var inChannels: Int?
    let outChannels: Int
    let kernel: ConvPair
    let stride: ConvPair
    let padding: ConvPadding2D
    let dilation: ConvPair
    let groups: Int
    let hasBias: Bool
    let isLazy: Bool

    init(
        inChannels: Int?, outChannels: Int, kernel: ConvPair, stride: ConvPair, padding: ConvPadding2D,
        dilation: ConvPair, groups: Int, hasBias: Bool, interpreter: Interpreter
    ) throws(PyError) {
        guard outChannels > 0, kernel.height > 0, kernel.width > 0, groups > 0 else {
            throw PyError.value("Conv2d: out_channels, kernel_size and groups must be positive")
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.hasBias = hasBias
        self.isLazy = inChannels == nil
        super.init()
        parameters = [("weight", nil), ("bias", nil)]
        if let inChannels { try materialize(inChannels, interpreter) }
    }

    private func materialize(_ inChannels: Int, _ interpreter: Interpreter) throws(PyError) {
        guard inChannels > 0, inChannels % groups == 0, outChannels % groups == 0 else {
            throw PyError.value(
                "Conv2d: in_channels (c_i = \(inChannels)) and out_channels (c_o = \(outChannels)) must be divisible by groups (\(groups))"
            )
        }
        self.inChannels = inChannels
        let fanIn = inChannels / groups * kernel.height * kernel.width
        let weight = try Layer.initialised(
            [outChannels, inChannels / groups, kernel.height, kernel.width], fanIn: fanIn, interpreter)
        let bias = hasBias ? try Layer.initialised([outChannels], fanIn: fanIn, interpreter) : nil
        parameters = [("weight", weight), ("bias", bias)]
    }

    override var typeName: String { isLazy && inChannels == nil ? "LazyConv2d" : "Conv2d" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        if inChannels == nil {
            guard input.tensor.rank == 3 || input.tensor.rank == 4 else {
                throw PyError.runtime(
                    "LazyConv2d: expected a 3-D (c_i, h, w) or 4-D (N, c_i, h, w) input, got shape \(formatShape(input.shape))"
                )
            }
            try materialize(input.shape[input.tensor.rank - 3], interpreter)
        }
        guard let weightBox = parameters[0].box else { throw PyError.runtime("Conv2d: weight is None") }
        let weight = interpreter.tracked(weightBox)
        let bias = parameters[1].box.map { interpreter.tracked($0) }
        return interpreter.result(
            try engine { () throws(TensorError) in
                try TrackedTensor.conv2d(
                    input: input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                    groups: groups)
            })
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "in_channels": return inChannels.map { .int($0) } ?? .int(0)
        case "out_channels": return .int(outChannels)
        case "kernel_size": return .tuple([.int(kernel.height), .int(kernel.width)])
        case "stride": return .tuple([.int(stride.height), .int(stride.width)])
        case "padding":
            switch padding {
            case .explicit(let pad): return .tuple([.int(pad.height), .int(pad.width)])
            case .valid: return .str("valid")
            case .same: return .str("same")
            }
        case "groups": return .int(groups)
        default: return try super.attribute(name, interpreter)
        }
    }

    override func extraRepr() -> String {
        // An unmaterialised LazyConv2d prints `in_channels` as 0, as PyTorch's does.
        var parts = ["\(inChannels ?? 0)", "\(outChannels)", "kernel_size=\(kernel)", "stride=\(stride)"]
        switch padding {
        case .explicit(let pad) where pad != ConvPair(0): parts.append("padding=\(pad)")
        case .valid, .explicit: break
        case .same: parts.append("padding=same")
        }
        if dilation != ConvPair(1) { parts.append("dilation=\(dilation)") }
        if groups != 1 { parts.append("groups=\(groups)") }
        if !hasBias { parts.append("bias=False") }
        return parts.joined(separator: ", ")
    }
}
