import Datasets
import Testing

/// The IDX header is read strictly: a file that is not what it claims is an error naming the file and the
/// problem, never a crash.
@Suite struct IDXArrayTests {
    static func idx(_ shape: [UInt32], _ elements: [UInt8], type: UInt8 = 0x08) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
        for size in shape { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: size >> $0) } }
        return bytes + elements
    }

    @Test func aWellFormedArrayReadsItsShapeAndElements() throws {
        let array = try IDXArray(bytes: Self.idx([2, 3], [1, 2, 3, 4, 5, 6]), path: "a.idx")
        #expect(array.shape == [2, 3])
        #expect(array.elements == [1, 2, 3, 4, 5, 6])
        let big = try IDXArray(bytes: Self.idx([300], [UInt8](repeating: 7, count: 300)), path: "b.idx")
        #expect(big.shape == [300])
    }

    @Test(
        "malformed files are errors that say what is wrong",
        arguments: [
            ([0, 0], "only 2 bytes"),
            ([1, 0, 8, 1, 0, 0, 0, 0], "two zero bytes"),
            ([0, 0, 0x0D, 1, 0, 0, 0, 1, 9], "0xd, not 0x08"),
            ([0, 0, 8, 2, 0, 0, 0, 1], "cut short"),
            ([0, 0, 8, 0], "cut short"),
            ([0, 0, 8, 1, 0, 0, 0, 3, 1, 2], "needs 3 bytes after the header, the file has 2"),
            ([0, 0, 8, 3, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255], "too large"),
        ] as [([UInt8], String)])
    func malformed(_ bytes: [UInt8], _ message: String) {
        #expect {
            try IDXArray(bytes: bytes, path: "bad.idx")
        } throws: { error in
            guard let error = error as? DatasetError else { return false }
            return error.kind == .malformed && error.message.contains("bad.idx") && error.message.contains(message)
        }
    }
}
