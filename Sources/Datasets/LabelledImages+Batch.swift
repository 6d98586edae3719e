import Tensors

extension LabelledImages {
    /// The images at `indices` as one `float32` tensor of shape `(n, 1, height, width)` with values in
    /// `[0, 1]` (what `transforms.ToTensor()` makes of a byte image), and their labels as an `int64` tensor
    /// of shape `(n,)`, ready for `cross_entropy`.
    public func batch(_ indices: some Collection<Int>) throws(TensorError) -> (images: Tensor, labels: Tensor) {
        let area = height * width
        var floats = [Float](repeating: 0, count: indices.count * area)
        var labels = [Int64](repeating: 0, count: indices.count)
        try floats.withUnsafeMutableBufferPointer { (out) throws(TensorError) in
            try pixels.withUnsafeBufferPointer { (source) throws(TensorError) in
                for (row, index) in indices.enumerated() {
                    guard index >= 0 && index < count else {
                        throw TensorError.index("index \(index) is out of range for a data set of \(count) images")
                    }
                    let from = source.baseAddress! + index * area
                    let to = out.baseAddress! + row * area
                    for pixel in 0..<area { to[pixel] = Float(from[pixel]) / 255 }  // as ToTensor: x.float().div(255)
                    labels[row] = Int64(self.labels[index])
                }
            }
        }
        return (
            try Tensor(shape: [indices.count, 1, height, width], floats: floats),
            try Tensor(shape: [indices.count], ints: labels)
        )
    }
}
