import Tensors

extension Figure {
    /// Input ⋆ kernel = output for a small example, as the book draws cross-correlation: the window
    /// of the first output element is shaded in the input and the kernel, and its sum is written
    /// out (`0×0+1×1+3×2+4×3=19`). With several input channels — `input` `(c_i, h, w)` and
    /// `kernel` `(c_i, k_h, k_w)` — each channel's partial result is shown, then their sum (`…=56`).
    ///
    /// A leading dimension of size 1 is accepted and dropped (`(1, c_i, h, w)` inputs,
    /// `(1, c_i, k_h, k_w)` kernels). The output is computed here with a plain loop (valid
    /// positions, stride 1), independently of the engine's convolution.
    public static func explainConv(input: Tensor, kernel: Tensor, title: String? = nil) throws(FigureError)
        -> Figure
    {
        let call = "explain_conv"
        let x = try FigureInput(input, call: call)
        let k = try FigureInput(kernel, call: call)
        let inputShape = try channelShape(x.shape, name: "input", dimensions: "(c_i, h, w)")
        let kernelShape = try channelShape(k.shape, name: "kernel", dimensions: "(c_i, k_h, k_w)")
        let (channels, height, width) = inputShape
        let (kernelChannels, kernelHeight, kernelWidth) = kernelShape
        guard channels == kernelChannels else {
            throw FigureError(
                .shape,
                "\(call): the kernel has \(kernelChannels) input channels (c_i = \(kernelChannels)) "
                    + "but the input has \(channels); they must match")
        }
        guard kernelHeight <= height, kernelWidth <= width else {
            throw FigureError(
                .shape,
                "\(call): the \(kernelHeight)×\(kernelWidth) kernel does not fit in the \(height)×\(width) input")
        }
        guard channels <= FigureLimits.maxExplainChannels, max(height, width) <= FigureLimits.maxExplainInputSide,
            max(kernelHeight, kernelWidth) <= FigureLimits.maxExplainKernelSide
        else {
            let (input, kernel) = (FigureLimits.maxExplainInputSide, FigureLimits.maxExplainKernelSide)
            throw FigureError(
                .limit,
                "\(call): spells out every number, so it takes at most \(FigureLimits.maxExplainChannels) "
                    + "channels, inputs up to \(input)×\(input) and kernels up to \(kernel)×\(kernel); "
                    + "slice a smaller example")
        }

        var explained: [ConvExplanation.Channel] = []
        for channel in 0..<channels {
            let inputMatrix = x.matrix(at: channel * height * width, height: height, width: width)
            let kernelMatrix = k.matrix(
                at: channel * kernelHeight * kernelWidth, height: kernelHeight, width: kernelWidth)
            let partial = crossCorrelate(inputMatrix, kernelMatrix)
            explained.append(
                ConvExplanation.Channel(
                    input: inputMatrix, kernel: kernelMatrix, partial: partial,
                    firstSum: firstSum(inputMatrix, kernelMatrix, result: partial.values[0])))
        }
        var output = explained[0].partial
        for channel in explained.dropFirst() {
            for index in output.values.indices { output.values[index] += channel.partial.values[index] }
        }
        let totalSum =
            channels > 1
            ? explained.map { parenthesized($0.partial.values[0]) }.joined(separator: "+") + "="
                + NumberFormat.short(output.values[0])
            : nil
        let explanation = ConvExplanation(channels: explained, output: output, totalSum: totalSum)
        var notes: [String] = []
        let nonFinite = x.nanCount + x.infinityCount + k.nanCount + k.infinityCount
        if nonFinite > 0 {
            notes.append("\(nonFinite) NaN or Inf \(nonFinite == 1 ? "value" : "values") in the inputs")
        }
        let inputText = channels > 1 ? "\(channels)×\(height)×\(width)" : "\(height)×\(width)"
        let kernelText =
            channels > 1 ? "\(channels)×\(kernelHeight)×\(kernelWidth)" : "\(kernelHeight)×\(kernelWidth)"
        return Figure(
            content: .convolution(explanation), title: title, notes: notes,
            textFallback: "<explain_conv \(inputText) ⋆ \(kernelText) = \(output.height)×\(output.width)>")
    }

    /// `(c_i, h, w)` from a 2-D, 3-D, or 4-D shape with a leading 1.
    private static func channelShape(_ shape: [Int], name: String, dimensions: String) throws(FigureError) -> (
        Int, Int, Int
    ) {
        switch shape.count {
        case 2: return (1, shape[0], shape[1])
        case 3: return (shape[0], shape[1], shape[2])
        case 4 where shape[0] == 1: return (shape[1], shape[2], shape[3])
        default:
            throw FigureError(
                .shape,
                "explain_conv: the \(name) must be 2-D or \(dimensions), but has shape \(formatShape(shape))")
        }
    }

    /// Valid cross-correlation with stride 1, the book's `corr2d`, as a plain loop.
    static func crossCorrelate(_ input: Matrix, _ kernel: Matrix) -> Matrix {
        let height = input.height - kernel.height + 1
        let width = input.width - kernel.width + 1
        var values = [Float](repeating: 0, count: height * width)
        for row in 0..<height {
            for column in 0..<width {
                var sum: Float = 0
                for i in 0..<kernel.height {
                    for j in 0..<kernel.width { sum += input[row + i, column + j] * kernel[i, j] }
                }
                values[row * width + column] = sum
            }
        }
        return Matrix(height: height, width: width, values: values)
    }

    /// The first output element spelled out: `0×0+1×1+3×2+4×3=19` (input value × kernel value).
    static func firstSum(_ input: Matrix, _ kernel: Matrix, result: Float) -> String {
        var terms: [String] = []
        for i in 0..<kernel.height {
            for j in 0..<kernel.width {
                terms.append(parenthesized(input[i, j]) + "×" + parenthesized(kernel[i, j]))
            }
        }
        return terms.joined(separator: "+") + "=" + NumberFormat.short(result)
    }

    /// A number in brackets when negative, so `3×(-1)` reads unambiguously.
    private static func parenthesized(_ value: Float) -> String {
        let text = NumberFormat.short(value)
        return text.hasPrefix("-") ? "(" + text + ")" : text
    }
}
