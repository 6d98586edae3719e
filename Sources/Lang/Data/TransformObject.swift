import Tensors

/// `torchvision.transforms`: `ToTensor()`, `Resize(size)`, `Normalize(mean, std)` and `Compose([...])`,
/// as the book and the PyTorch tutorials build them for Fashion-MNIST.
///
/// A data set here hands out an image without a transform as a `(H, W)` float32 tensor of pixel values
/// 0–255 (PyTorch gives a PIL image); `ToTensor` makes it `(1, H, W)` in `[0, 1]`. The steps also run on
/// a whole batch at once (``apply(to:)``), which is how ``DataLoaderObject`` uses them.
final class TransformObject: PyObject {
    /// One step of a transform.
    enum Step: Sendable, Hashable {
        /// Pixel values to `[0, 1]` with a channel dimension.
        case toTensor
        /// Bilinear resizing to `height × width` (torchvision's default interpolation).
        case resize(height: Int, width: Int)
        /// `(x - mean[c]) / std[c]` per channel.
        case normalize(mean: [Float], std: [Float])
    }

    let steps: [Step]
    let name: String

    init(_ name: String, _ steps: [Step]) {
        self.name = name
        self.steps = steps
    }

    override var typeName: String { name }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        try arguments.expectPositional(name, 1)
        let image = try interpreter.tensorArgument(arguments.positional[0], "\(name)(): the image")
        guard image.dtype == .float32, image.rank == 2 || image.rank == 3 else {
            throw PyError.type(
                "\(name)(): expected an image as a (H, W) or (C, H, W) float32 tensor, got shape \(image.shape) of \(image.dtype)"
            )
        }
        let batch = ImageBatch(
            values: try engine { () throws(TensorError) in try image.floats }, count: 1,
            channels: image.rank == 3 ? image.shape[0] : 1,
            height: image.shape[image.rank - 2], width: image.shape[image.rank - 1], hasChannels: image.rank == 3)
        let result = try apply(to: batch)
        return .tensor(try engine { () throws(TensorError) in try result.tensor(batched: false) })
    }

    /// Runs every step on a batch of images.
    func apply(to batch: consuming ImageBatch) throws(PyError) -> ImageBatch {
        // Consumed, so a batch made for this call is changed in place rather than copied first.
        var batch = batch
        for step in steps {
            switch step {
            case .toTensor:
                guard !batch.hasChannels else {
                    throw PyError.type("ToTensor(): the image is already a tensor with channels (apply ToTensor once)")
                }
                batch.values.withUnsafeMutableBufferPointer { values in
                    for index in values.indices { values[index] /= 255 }
                }
                batch.hasChannels = true
            case .resize(let height, let width):
                batch = batch.resized(height: height, width: width)
            case .normalize(let mean, let std):
                guard batch.hasChannels else {
                    throw PyError.type("Normalize(): expected a tensor image with channels; put ToTensor() before it")
                }
                guard mean.count == batch.channels || mean.count == 1, std.count == mean.count else {
                    throw PyError.value(
                        "Normalize(): \(mean.count) means and \(std.count) standard deviations for \(batch.channels) channel(s)"
                    )
                }
                if let zero = std.firstIndex(of: 0) {
                    throw PyError.value(
                        "Normalize(): std evaluated to zero at channel \(zero), leading to division by zero.")
                }
                let area = batch.height * batch.width
                for image in 0..<batch.count {
                    for channel in 0..<batch.channels {
                        let m = mean.count == 1 ? mean[0] : mean[channel]
                        let s = std.count == 1 ? std[0] : std[channel]
                        let start = (image * batch.channels + channel) * area
                        for index in start..<start + area { batch.values[index] = (batch.values[index] - m) / s }
                    }
                }
            }
        }
        return batch
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        func text(_ step: Step) -> String {
            switch step {
            case .toTensor: "ToTensor()"
            case .resize(let height, let width): "Resize(size=(\(height), \(width)), interpolation=bilinear)"
            case .normalize(let mean, let std): "Normalize(mean=\(mean), std=\(std))"
            }
        }
        guard name == "Compose" else { return steps.first.map(text) ?? "\(name)()" }
        return "Compose(\n" + steps.map { "    " + text($0) + "\n" }.joined() + ")"
    }
}

/// Images as float32 values, `count × channels × height × width`, with or without a channel dimension.
struct ImageBatch {
    var values: [Float]
    var count: Int
    var channels: Int
    var height: Int
    var width: Int
    /// Whether the tensor has a channel dimension (after `ToTensor`).
    var hasChannels: Bool

    /// As a tensor: `(count, C, H, W)` (or `(count, H, W)`), without the first dimension when not `batched`.
    func tensor(batched: Bool) throws(TensorError) -> Tensor {
        var shape = hasChannels ? [channels, height, width] : [height, width]
        if batched { shape.insert(count, at: 0) }
        return try Tensor(shape: shape, floats: values)
    }

    /// Bilinear resizing with half-pixel centres (`align_corners=False`), as torchvision's tensor `Resize`.
    func resized(height newHeight: Int, width newWidth: Int) -> ImageBatch {
        if newHeight == height && newWidth == width { return self }
        var out = [Float](repeating: 0, count: count * channels * newHeight * newWidth)
        func source(_ position: Int, _ scale: Double, _ limit: Int) -> (Int, Int, Float) {
            let real = max((Double(position) + 0.5) * scale - 0.5, 0)
            let low = min(Int(real), limit - 1)
            let high = min(low + 1, limit - 1)
            return (low, high, Float(real - Double(low)))
        }
        let rows = (0..<newHeight).map { source($0, Double(height) / Double(newHeight), height) }
        let columns = (0..<newWidth).map { source($0, Double(width) / Double(newWidth), width) }
        let planes = count * channels
        for plane in 0..<planes {
            let from = plane * height * width
            let to = plane * newHeight * newWidth
            for (y, row) in rows.enumerated() {
                for (x, column) in columns.enumerated() {
                    let top =
                        values[from + row.0 * width + column.0] * (1 - column.2) + values[
                            from + row.0 * width + column.1]
                        * column.2
                    let bottom =
                        values[from + row.1 * width + column.0] * (1 - column.2) + values[
                            from + row.1 * width + column.1]
                        * column.2
                    out[to + y * newWidth + x] = top * (1 - row.2) + bottom * row.2
                }
            }
        }
        return ImageBatch(
            values: out, count: count, channels: channels, height: newHeight, width: newWidth, hasChannels: hasChannels)
    }
}
