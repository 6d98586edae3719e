/// One validated 2-D pooling problem: every `(image, channel)` plane is pooled the same way.
struct PoolGeometry {
    /// `N · C`: pooling never mixes channels, so they are just a list of planes.
    var planes: Int
    var inHeight: Int
    var inWidth: Int
    var kernelHeight: Int
    var kernelWidth: Int
    var strideHeight: Int
    var strideWidth: Int
    /// Padding before each dimension (PyTorch pads both sides by the same amount).
    var padHeight: Int
    var padWidth: Int
    var dilationHeight: Int
    var dilationWidth: Int
    var outHeight: Int
    var outWidth: Int

    var inPlane: Int { inHeight * inWidth }
    var outPlane: Int { outHeight * outWidth }

    /// The output shape for an input of shape `inputShape` (3-D or 4-D).
    func outputShape(of inputShape: [Int]) -> [Int] {
        Array(inputShape.dropLast(2)) + [outHeight, outWidth]
    }

    /// PyTorch's `pooling_output_shape`.
    static func outputSize(_ size: Int, kernel: Int, stride: Int, pad: Int, dilation: Int, ceilMode: Bool) -> Int {
        let reach = size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)
        var count = floorDivide(reach, stride) + 1
        if ceilMode && (count - 1) * stride >= size + pad {
            count -= 1
        }
        return count
    }
}

extension PoolGeometry {
    /// Checks the common arguments of `max_pool2d` and `avg_pool2d` the way PyTorch does, with
    /// the output size rule of `ceil_mode` (the last window must start inside the input or the
    /// left padding).
    init(
        op: String, input: Tensor, kernel: ConvPair, stride: ConvPair?, padding: ConvPair, dilation: ConvPair,
        ceilMode: Bool
    ) throws(TensorError) {
        let shape = input.shape
        guard shape.count == 3 || shape.count == 4 else {
            throw .shape(
                "\(op): input must be 3-D (C, H, W) or 4-D (N, C, H, W), got \(shape.count)-D input of shape "
                    + formatShape(shape))
        }
        guard shape.suffix(3).allSatisfy({ $0 > 0 }) else {
            throw .shape(
                "\(op): input must have non-empty channel, height and width dimensions, got shape \(formatShape(shape))"
            )
        }
        guard input.dtype == .float32 else {
            throw .type("\(op): input must be float32, got \(input.dtype); convert it with .float()")
        }
        let stride = stride ?? kernel
        guard kernel.height > 0, kernel.width > 0 else {
            throw .value("\(op): kernel size must be positive, got \(kernel)")
        }
        guard stride.height > 0, stride.width > 0 else {
            throw .value("\(op): stride must be positive, got \(stride)")
        }
        guard dilation.height > 0, dilation.width > 0 else {
            throw .value("\(op): dilation must be positive, got \(dilation)")
        }
        let largest = ConvValidation.largestArgument
        guard max(kernel.height, kernel.width, stride.height, stride.width) <= largest,
            max(dilation.height, dilation.width) <= largest
        else {
            throw .value("\(op): kernel size, stride and dilation must be at most \(largest)")
        }
        guard padding.height >= 0, padding.width >= 0 else {
            throw .value("\(op): padding must be non-negative, got \(padding)")
        }
        guard padding.height <= kernel.height / 2, padding.width <= kernel.width / 2 else {
            throw .value(
                "\(op): padding should be at most half of the kernel size, got padding \(padding) for kernel \(kernel)")
        }
        let height = shape[shape.count - 2]
        let width = shape[shape.count - 1]
        let outHeight = Self.outputSize(
            height, kernel: kernel.height, stride: stride.height, pad: padding.height, dilation: dilation.height,
            ceilMode: ceilMode)
        let outWidth = Self.outputSize(
            width, kernel: kernel.width, stride: stride.width, pad: padding.width, dilation: dilation.width,
            ceilMode: ceilMode)
        guard outHeight > 0, outWidth > 0 else {
            throw .shape(
                "\(op): output size is too small: a \(height)×\(width) input with kernel \(kernel), stride \(stride), "
                    + "padding \(padding) and dilation \(dilation) gives \(outHeight)×\(outWidth)")
        }
        self.planes = shape.dropLast(2).reduce(1, *)
        self.inHeight = height
        self.inWidth = width
        self.kernelHeight = kernel.height
        self.kernelWidth = kernel.width
        self.strideHeight = stride.height
        self.strideWidth = stride.width
        self.padHeight = padding.height
        self.padWidth = padding.width
        self.dilationHeight = dilation.height
        self.dilationWidth = dilation.width
        self.outHeight = outHeight
        self.outWidth = outWidth
    }
}
