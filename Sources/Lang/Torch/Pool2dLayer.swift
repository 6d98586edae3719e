import Foundation
import Tensors

/// `nn.MaxPool2d` (`nn.AvgPool2d` and the adaptive poolings live in `Layers/`).
final class Pool2dLayer: Layer {
    let kernel: ConvPair
    let stride: ConvPair?
    let padding: ConvPair

    init(kernel: ConvPair, stride: ConvPair?, padding: ConvPair) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }

    override var typeName: String { "MaxPool2d" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        interpreter.result(
            try engine { () throws(TensorError) in
                try input.maxPool2d(kernelSize: kernel, stride: stride, padding: padding)
            })
    }

    override func extraRepr() -> String {
        func show(_ pair: ConvPair) -> String { pair.height == pair.width ? "\(pair.height)" : "\(pair)" }
        return
            "kernel_size=\(show(kernel)), stride=\(show(stride ?? kernel)), padding=\(show(padding)), dilation=1, ceil_mode=False"
    }
}
