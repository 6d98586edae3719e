/// Grey-scale images with one class label each, kept as the bytes the files hold (one byte per pixel):
/// a data set's memory, from which batches of `float32` tensors are made on demand.
///
/// Fashion-MNIST's 60,000 training images take 47 MB this way; as `float32` they would take 188 MB.
public struct LabelledImages: Sendable {
    /// How many images.
    public let count: Int
    /// Image height in pixels.
    public let height: Int
    /// Image width in pixels.
    public let width: Int
    /// `count × height × width` pixel values, row-major, 0 (black) to 255.
    public let pixels: [UInt8]
    /// The class of each image.
    public let labels: [UInt8]

    /// Images and labels that belong together; sizes must agree.
    public init(count: Int, height: Int, width: Int, pixels: [UInt8], labels: [UInt8]) {
        precondition(pixels.count == count * height * width && labels.count == count, "sizes do not agree")
        self.count = count
        self.height = height
        self.width = width
        self.pixels = pixels
        self.labels = labels
    }

    /// The bytes this value holds.
    public var byteCount: Int { pixels.count + labels.count }
}
