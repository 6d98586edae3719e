/// Turns the arguments of `conv2d` / `conv3d` into a ``ConvGeometry``, or explains what is wrong.
///
/// Messages use the book's notation (`c_i`, `c_o`, `k_h`, `k_w`). The checks only build strings
/// when they fail, so validating the book's tiny examples costs nanoseconds.
struct ConvValidation {
    /// The largest stride, padding or dilation accepted, so size arithmetic cannot overflow.
    static let largestArgument = 1 << 30

    /// `"conv2d"` or `"conv3d"`, the prefix of every message.
    let op: String
    /// 2 or 3.
    let spatialRank: Int

    /// Arguments in (depth, height, width) order; a 2-D convolution passes depth 1 everywhere.
    struct Arguments {
        var stride: ConvTriple
        var padding: Padding
        var dilation: ConvTriple
        var groups: Int
    }

    enum Padding {
        case explicit(ConvTriple)
        case valid
        case same
    }

    /// Validates the operands and returns the geometry and whether the input had a batch dimension.
    func geometry(
        input: Tensor, weight: Tensor, bias: Tensor?, arguments: Arguments
    ) throws(TensorError) -> (ConvGeometry, batched: Bool) {
        let inputShape = input.shape
        let weightShape = weight.shape
        guard inputShape.count == spatialRank + 1 || inputShape.count == spatialRank + 2 else {
            throw .shape(
                "\(op): input must be \(spatialRank + 1)-D \(layout(batched: false)) or "
                    + "\(spatialRank + 2)-D \(layout(batched: true)), got \(inputShape.count)-D input of shape "
                    + formatShape(inputShape))
        }
        guard weightShape.count == spatialRank + 2 else {
            let kernelNames = spatialRank == 2 ? "k_h, k_w" : "k_d, k_h, k_w"
            throw .shape(
                "\(op): weight must be \(spatialRank + 2)-D (c_o, c_i/groups, \(kernelNames)), got "
                    + "\(weightShape.count)-D weight of shape \(formatShape(weightShape))")
        }
        guard input.dtype == .float32 else {
            throw .type("\(op): input must be float32, got \(input.dtype); convert it with .float()")
        }
        guard weight.dtype == .float32 else {
            throw .type("\(op): weight must be float32, got \(weight.dtype); convert it with .float()")
        }
        let batched = inputShape.count == spatialRank + 2
        let offset = batched ? 1 : 0
        let batch = batched ? inputShape[0] : 1
        let inChannels = inputShape[offset]
        let outChannels = weightShape[0]
        let groups = arguments.groups
        guard groups > 0 else { throw .value("\(op): groups must be positive, got \(groups)") }
        guard inChannels % groups == 0 else {
            throw .shape("\(op): groups = \(groups) must divide the input channels (c_i = \(inChannels))")
        }
        guard outChannels % groups == 0 else {
            throw .shape("\(op): groups = \(groups) must divide the output channels (c_o = \(outChannels))")
        }
        guard weightShape[1] * groups == inChannels else {
            let expected = weightShape[1] * groups
            let detail = groups == 1 ? "c_i = \(expected)" : "c_i/groups = \(weightShape[1]), groups = \(groups)"
            throw .shape(
                "\(op): weight expects \(expected) input channels (\(detail)), input has \(inChannels) "
                    + "(weight \(formatShape(weightShape)), input \(formatShape(inputShape)))")
        }
        if let bias {
            guard bias.rank == 1, bias.shape[0] == outChannels else {
                throw .shape(
                    "\(op): bias must be 1-D with c_o = \(outChannels) elements, got shape \(formatShape(bias.shape))")
            }
            guard bias.dtype == .float32 else {
                throw .type("\(op): bias must be float32, got \(bias.dtype); convert it with .float()")
            }
        }

        let size = spatial(inputShape, from: offset + 1)
        let kernel = spatial(weightShape, from: 2)
        let stride = arguments.stride
        let dilation = arguments.dilation
        guard kernel.depth > 0, kernel.height > 0, kernel.width > 0 else {
            throw .shape("\(op): kernel size must be positive, got \(dims(kernel))")
        }
        guard stride.depth > 0, stride.height > 0, stride.width > 0 else {
            throw .value("\(op): stride must be positive, got \(tuple(stride))")
        }
        guard dilation.depth > 0, dilation.height > 0, dilation.width > 0 else {
            throw .value("\(op): dilation must be positive, got \(tuple(dilation))")
        }
        guard max(stride.depth, stride.height, stride.width) <= Self.largestArgument,
            max(dilation.depth, dilation.height, dilation.width) <= Self.largestArgument
        else {
            throw .value(
                "\(op): stride \(tuple(stride)) or dilation \(tuple(dilation)) is too large (at most \(Self.largestArgument))"
            )
        }
        // Dilation spreads a k-tap kernel over d·(k−1)+1 input positions.
        let span = ConvTriple(
            dilation.depth * (kernel.depth - 1) + 1, dilation.height * (kernel.height - 1) + 1,
            dilation.width * (kernel.width - 1) + 1)
        let before: ConvTriple
        let total: ConvTriple
        switch arguments.padding {
        case .explicit(let pad):
            guard pad.depth >= 0, pad.height >= 0, pad.width >= 0 else {
                throw .value("\(op): padding must be non-negative, got \(tuple(pad))")
            }
            guard max(pad.depth, pad.height, pad.width) <= Self.largestArgument else {
                throw .value("\(op): padding \(tuple(pad)) is too large (at most \(Self.largestArgument))")
            }
            before = pad
            total = ConvTriple(2 * pad.depth, 2 * pad.height, 2 * pad.width)
        case .valid:
            before = 0
            total = 0
        case .same:
            guard stride == 1 else {
                throw .value(
                    "\(op): padding='same' is not supported for strided convolutions (stride = \(tuple(stride)))")
            }
            total = ConvTriple(span.depth - 1, span.height - 1, span.width - 1)
            before = ConvTriple(total.depth / 2, total.height / 2, total.width / 2)
        }
        let padded = ConvTriple(size.depth + total.depth, size.height + total.height, size.width + total.width)
        guard span.depth <= padded.depth, span.height <= padded.height, span.width <= padded.width else {
            throw .shape("\(op): kernel \(dims(span)) (with dilation) is larger than the padded input \(dims(padded))")
        }
        let geometry = ConvGeometry(
            batch: batch, inChannels: inChannels, outChannels: outChannels, groups: groups,
            inDepth: size.depth, inHeight: size.height, inWidth: size.width,
            kernelDepth: kernel.depth, kernelHeight: kernel.height, kernelWidth: kernel.width,
            strideDepth: stride.depth, strideHeight: stride.height, strideWidth: stride.width,
            padDepth: before.depth, padHeight: before.height, padWidth: before.width,
            dilationDepth: dilation.depth, dilationHeight: dilation.height, dilationWidth: dilation.width,
            outDepth: (padded.depth - span.depth) / stride.depth + 1,
            outHeight: (padded.height - span.height) / stride.height + 1,
            outWidth: (padded.width - span.width) / stride.width + 1)
        return (geometry, batched)
    }

    /// The trailing spatial sizes of `shape` starting at `index`, with depth 1 for 2-D shapes.
    private func spatial(_ shape: [Int], from index: Int) -> ConvTriple {
        spatialRank == 2
            ? ConvTriple(1, shape[index], shape[index + 1])
            : ConvTriple(shape[index], shape[index + 1], shape[index + 2])
    }

    private func layout(batched: Bool) -> String {
        switch (spatialRank, batched) {
        case (2, false): "(C, H, W)"
        case (2, true): "(N, C, H, W)"
        case (_, false): "(C, D, H, W)"
        case (_, true): "(N, C, D, H, W)"
        }
    }

    /// `5×5` (2-D) or `3×5×5` (3-D), the way the book writes window sizes.
    func dims(_ value: ConvTriple) -> String {
        spatialRank == 2 ? "\(value.height)×\(value.width)" : "\(value.depth)×\(value.height)×\(value.width)"
    }

    /// `(2, 1)` or `(1, 2, 1)`, the way Python prints the argument.
    func tuple(_ value: ConvTriple) -> String {
        spatialRank == 2 ? ConvPair(value.height, value.width).description : value.description
    }
}
