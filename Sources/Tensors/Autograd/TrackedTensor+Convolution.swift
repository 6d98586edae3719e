extension TrackedTensor {
    /// `F.conv2d` with gradients for the input, the weight and the bias (see ``ConvBackward``).
    public static func conv2d(
        input: TrackedTensor, weight: TrackedTensor, bias: TrackedTensor? = nil, stride: ConvPair = 1,
        padding: ConvPadding2D = 0, dilation: ConvPair = 1, groups: Int = 1
    ) throws(TensorError) -> TrackedTensor {
        // A weight that requires grad is rewritten in place by the optimizer after each step; a
        // kept packing would hold its buffer and make each of those writes copy it.
        let result = try Tensors.conv2d(
            input: input.tensor, weight: weight.tensor, bias: bias?.tensor, stride: stride, padding: padding,
            dilation: dilation, groups: groups, algorithm: nil, cachesPacking: !weight.requiresGrad)
        guard input.requiresGrad || weight.requiresGrad || bias?.requiresGrad == true else {
            return TrackedTensor(result)
        }
        let (g, _) = try Tensors.conv2dGeometry(
            input: input.tensor, weight: weight.tensor, bias: bias?.tensor, stride: stride, padding: padding,
            dilation: dilation, groups: groups)
        return recordConvolution(g, spatialRank: 2, result, input: input, weight: weight, bias: bias)
    }

    /// `F.conv3d` with gradients for the input, the weight and the bias.
    public static func conv3d(
        input: TrackedTensor, weight: TrackedTensor, bias: TrackedTensor? = nil, stride: ConvTriple = 1,
        padding: ConvPadding3D = 0, dilation: ConvTriple = 1, groups: Int = 1
    ) throws(TensorError) -> TrackedTensor {
        let result = try Tensors.conv3d(
            input: input.tensor, weight: weight.tensor, bias: bias?.tensor, stride: stride, padding: padding,
            dilation: dilation, groups: groups)
        guard input.requiresGrad || weight.requiresGrad || bias?.requiresGrad == true else {
            return TrackedTensor(result)
        }
        let padding3: ConvValidation.Padding
        switch padding {
        case .explicit(let pad): padding3 = .explicit(pad)
        case .valid: padding3 = .valid
        case .same: padding3 = .same
        }
        let arguments = ConvValidation.Arguments(stride: stride, padding: padding3, dilation: dilation, groups: groups)
        let (g, _) = try ConvValidation(op: "conv3d", spatialRank: 3).geometry(
            input: input.tensor, weight: weight.tensor, bias: bias?.tensor, arguments: arguments)
        return recordConvolution(g, spatialRank: 3, result, input: input, weight: weight, bias: bias)
    }

    private static func recordConvolution(
        _ g: ConvGeometry, spatialRank: Int, _ result: Tensor, input: TrackedTensor, weight: TrackedTensor,
        bias: TrackedTensor?
    ) -> TrackedTensor {
        let x = input.tensor
        let w = weight.tensor
        let inputs = [input, weight] + (bias.map { [$0] } ?? [])
        let tracked = record("ConvolutionBackward0", result, inputs: inputs, saving: [input, weight]) {
            gradient, needs throws(TensorError) in
            var gradients: [Tensor?] = Array(repeating: nil, count: needs.count)
            if needs[0] {
                let dx = try ConvBackward.inputGradient(
                    g, spatialRank: spatialRank, weight: w, outputGradient: gradient)
                gradients[0] = try dx.reshape(x.shape)
            }
            let biasNeeded = needs.count > 2 && needs[2]
            if needs[1] && biasNeeded {
                let (dw, db) = try ConvBackward.weightAndBiasGradients(
                    g, spatialRank: spatialRank, input: x, outputGradient: gradient)
                gradients[1] = Tensor(uncheckedShape: w.shape, storage: .float32(dw))
                gradients[2] = db
            } else if needs[1] {
                let dw = try ConvBackward.weightGradient(g, input: x, outputGradient: gradient)
                gradients[1] = Tensor(uncheckedShape: w.shape, storage: .float32(dw))
            } else if biasNeeded {
                gradients[2] = try ConvBackward.biasGradient(gradient, spatialRank: spatialRank)
            }
            return gradients
        }
        // Only the weight's and the bias's gradients come from a described output gradient; the
        // input's needs it written out.
        tracked.node?.describedBackward = { gradient, needs throws(TensorError) in
            guard spatialRank == 2, !needs[0], needs[1] else { return nil }
            let biasNeeded = needs.count > 2 && needs[2]
            guard
                let (dw, db) = try ConvBackward.weightAndBiasGradients(
                    g, input: x, outputGradient: gradient, bias: biasNeeded)
            else { return nil }
            var gradients: [Tensor?] = Array(repeating: nil, count: needs.count)
            gradients[1] = Tensor(uncheckedShape: w.shape, storage: .float32(dw))
            if biasNeeded { gradients[2] = db }
            return gradients
        }
        return tracked
    }
}

extension TrackedTensor {
    /// `d2l.corr2d(X, K)` with gradients: the 2-D cross-correlation as a one-channel `conv2d`.
    public static func corr2d(_ x: TrackedTensor, _ k: TrackedTensor) throws(TensorError) -> TrackedTensor {
        // The plain call checks the operands and gives the book's messages.
        let plain = try Tensors.corr2d(x.tensor, k.tensor)
        guard x.requiresGrad || k.requiresGrad else { return TrackedTensor(plain) }
        let input = try x.to(.float32).reshape([1, 1] + x.shape)
        let kernel = try k.to(.float32).reshape([1, 1] + k.shape)
        let output = try conv2d(input: input, weight: kernel)
        return try output.reshape(plain.shape)
    }
}
