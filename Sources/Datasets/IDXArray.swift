/// An array of unsigned bytes in the IDX format of MNIST and Fashion-MNIST: two zero bytes, the type code
/// `0x08` (unsigned byte), the number of dimensions, each dimension as a big-endian 32-bit integer, then
/// the elements in row-major order.
///
/// ```swift
/// let labels = try IDXArray(bytes: GzipFile.read(path: "…/t10k-labels-idx1-ubyte.gz"), path: "…")
/// labels.shape  // [10000]
/// ```
public struct IDXArray: Sendable {
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The elements, row-major.
    public let elements: [UInt8]

    /// Parses IDX bytes; `path` names the file in errors.
    public init(bytes: [UInt8], path: String) throws(DatasetError) {
        func malformed(_ what: String) -> DatasetError {
            DatasetError(.malformed, path: path, "\(path) is not an IDX file of unsigned bytes: \(what)")
        }
        guard bytes.count >= 4 else { throw malformed("only \(bytes.count) bytes") }
        guard bytes[0] == 0, bytes[1] == 0 else { throw malformed("it does not start with two zero bytes") }
        guard bytes[2] == 0x08 else {
            throw malformed("its element type is 0x\(String(bytes[2], radix: 16)), not 0x08 (unsigned byte)")
        }
        let rank = Int(bytes[3])
        guard rank >= 1, bytes.count >= 4 + 4 * rank else { throw malformed("its header is cut short") }
        var shape: [Int] = []
        var count = 1
        for dimension in 0..<rank {
            let offset = 4 + 4 * dimension
            let size = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw malformed("its dimensions \(shape + [size]) are too large") }
            shape.append(size)
            count = product
        }
        let start = 4 + 4 * rank
        guard bytes.count - start == count else {
            throw malformed("shape \(shape) needs \(count) bytes after the header, the file has \(bytes.count - start)")
        }
        self.shape = shape
        self.elements = Array(bytes[start...])
    }
}
