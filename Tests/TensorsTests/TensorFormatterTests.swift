import Testing

@testable import Tensors

/// Expected strings are written by hand from the rules of PyTorch's `torch/_tensor_str.py`
/// (default options: precision 4, threshold 1000, edge items 3, line width 80) and from outputs
/// printed in the PyTorch documentation and the d2l book.
@Suite("Printing like PyTorch")
struct TensorFormatterTests {
    private func floats(_ shape: [Int], _ values: [Float]) throws -> Tensor {
        try Tensor(shape: shape, floats: values)
    }

    @Test("the book's correlation results print as PyTorch does")
    func bookResults() throws {
        #expect(try floats([2, 2], [19, 25, 37, 43]).description == "tensor([[19., 25.],\n        [37., 43.]])")
        #expect(
            try floats([2, 2], [56, 72, 104, 120]).description == "tensor([[ 56.,  72.],\n        [104., 120.]])")
    }

    @Test("the book's multi-output and edge-detection results")
    func bookChannels() throws {
        let y = try floats([3, 2, 2], [56, 72, 104, 120, 76, 100, 148, 172, 96, 128, 192, 224])
        let expected = """
            tensor([[[ 56.,  72.],
                     [104., 120.]],

                    [[ 76., 100.],
                     [148., 172.]],

                    [[ 96., 128.],
                     [192., 224.]]])
            """
        #expect(y.description == expected)
        let edges = try floats([2, 7], [0, 1, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, -1, 0])
        #expect(
            edges.description
                == "tensor([[ 0.,  1.,  0.,  0.,  0., -1.,  0.],\n        [ 0.,  1.,  0.,  0.,  0., -1.,  0.]])")
    }

    @Test("integer and bool tensors pad to the widest element")
    func integersAndBools() throws {
        #expect(try Tensor.arange(3).description == "tensor([0, 1, 2])")
        #expect(
            try Tensor.arange(12).description
                == "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11])")
        #expect(try Tensor(shape: [3], ints: [-1, 10, 3]).description == "tensor([-1, 10,  3])")
        #expect(try Tensor(shape: [2], bools: [true, false]).description == "tensor([ True, False])")
    }

    @Test("0-d tensors print their single value")
    func scalars() throws {
        #expect(Tensor(scalar: 3).description == "tensor(3.)")
        #expect(Tensor(scalar: 0.5).description == "tensor(0.5000)")
        #expect(Tensor(scalar: -0.5).description == "tensor(-0.5000)")
        #expect(Tensor.scalar(7).description == "tensor(7)")
        #expect(Tensor.scalar(true).description == "tensor(True)")
    }

    @Test("non-integer floats get four decimals and a common width")
    func fixedPoint() throws {
        #expect(try floats([2], [0.1, 2.5]).description == "tensor([0.1000, 2.5000])")
        #expect(try floats([3], [-1.5, 2.25, 10]).description == "tensor([-1.5000,  2.2500, 10.0000])")
    }

    @Test("scientific notation when magnitudes are far apart, tiny or huge")
    func scientific() throws {
        #expect(try floats([2], [1e-5, 1e5]).description == "tensor([1.0000e-05, 1.0000e+05])")
        #expect(try floats([2], [-1e-5, 1]).description == "tensor([-1.0000e-05,  1.0000e+00])")
        #expect(try floats([2], [1, 1e9]).description == "tensor([1.0000e+00, 1.0000e+09])")
        #expect(try floats([1], [0.00001]).description == "tensor([1.0000e-05])")
    }

    @Test("NaN and infinities do not take part in choosing the format")
    func nonFinite() throws {
        #expect(try floats([3], [.nan, 1, .infinity]).description == "tensor([nan, 1., inf])")
        #expect(try floats([2], [0, 0]).description == "tensor([0., 0.])")
        #expect(try floats([2], [-.infinity, 0.5]).description == "tensor([  -inf, 0.5000])")
    }

    @Test("3-d tensors separate their blocks with a blank line")
    func threeDimensional() throws {
        let x = try Tensor.arange(8).reshape([2, 2, 2])
        #expect(x.description == "tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]])")
        let y = try Tensor.arange(12).float().reshape([3, 4])
        #expect(
            y.description
                == "tensor([[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11.]])")
    }

    @Test("long rows wrap at 80 columns")
    func wrapping() throws {
        let x = try Tensor.arange(30).float()
        let expected = """
            tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,
                    14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,
                    28., 29.])
            """
        #expect(x.description == expected)
    }

    @Test("more than 1000 elements are summarized with ...")
    func summarized() throws {
        #expect(try Tensor.arange(10000).description == "tensor([   0,    1,    2,  ..., 9997, 9998, 9999])")
        let zeros = try Tensor.zeros([40, 30])
        let row = "[0., 0., 0.,  ..., 0., 0., 0.]"
        let expected =
            "tensor([" + row + ",\n        " + row + ",\n        " + row + ",\n        ...,\n        " + row
            + ",\n        " + row + ",\n        " + row + "])"
        #expect(zeros.description == expected)
    }

    @Test("the format is chosen from the printed elements only when summarizing")
    func summarizedFormatUsesEdges() throws {
        // The hidden middle holds 0.5, but only the integer edges are printed and measured.
        var values = (0..<2000).map { Float($0 % 10 + 1) }
        values[1000] = 0.5
        let x = try floats([2000], values)
        #expect(x.description == "tensor([ 1.,  2.,  3.,  ...,  8.,  9., 10.])")
        // Edges 0...2 and 1997...1999 span more than three orders of magnitude: scientific.
        let wide = try Tensor.arange(2000).float()
        #expect(
            wide.description
                == "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])")
    }

    @Test("empty tensors show their size and non-float type")
    func empty() throws {
        #expect(try floats([0], []).description == "tensor([])")
        #expect(try Tensor.zeros([0, 3]).description == "tensor([], size=(0, 3))")
        #expect(try Tensor(shape: [0], ints: []).description == "tensor([], dtype=torch.int64)")
        #expect(try Tensor.zeros([0, 2], dtype: .bool).description == "tensor([], size=(0, 2), dtype=torch.bool)")
    }

    @Test("torch.Size prints like a list")
    func sizes() {
        #expect(TensorFormatter.formatSize([3, 2, 2, 2]) == "torch.Size([3, 2, 2, 2])")
        #expect(TensorFormatter.formatSize([]) == "torch.Size([])")
    }

    @Test(
        "Python floats print with repr's rules",
        arguments: [
            (2.5, "2.5"), (100.0, "100.0"), (0.1, "0.1"), (1e-5, "1e-05"), (0.0001, "0.0001"), (1e16, "1e+16"),
            (123456789012345.0, "123456789012345.0"), (1.5e20, "1.5e+20"), (-0.0, "-0.0"), (-3.25, "-3.25"),
            (Double.nan, "nan"), (-Double.infinity, "-inf"), (Double(Float(0.1)), "0.10000000149011612"),
        ])
    func pythonRepr(value: Double, expected: String) {
        #expect(PythonFloat.repr(value) == expected)
    }
}
