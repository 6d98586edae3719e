import Figures
import Tensors
import Testing

/// Checked against the numbers printed in the book (D2L §7.2 and §7.4).
@Suite struct ExplainConvTests {
    @Test func singleChannelMatchesTheBook() throws {
        let figure = try Figure.explainConv(input: Make.arange([3, 3]), kernel: Make.arange([2, 2]))
        let explanation = try #require(figure.explanation)
        #expect(explanation.output.values == [19, 25, 37, 43])
        #expect(explanation.channels[0].firstSum == "0×0+1×1+3×2+4×3=19")
        #expect(explanation.totalSum == nil)
        #expect(figure.textFallback == "<explain_conv 3×3 ⋆ 2×2 = 2×2>")
    }

    @Test func twoChannelsMatchTheBook() throws {
        let input = Make.tensor([2, 3, 3]) { Float($0 % 9 + $0 / 9) }  // X[0] = 0…8, X[1] = 1…9
        let kernel = Make.tensor([2, 2, 2]) { Float($0 % 4 + $0 / 4) }  // K[0] = 0…3, K[1] = 1…4
        let explanation = try #require(try Figure.explainConv(input: input, kernel: kernel).explanation)
        #expect(explanation.output.values == [56, 72, 104, 120])
        #expect(explanation.channels[1].firstSum == "1×1+2×2+4×3+5×4=37")
        #expect(explanation.totalSum == "19+37=56")
    }

    @Test func negativeNumbersAreBracketed() throws {
        let explanation = try #require(
            try Figure.explainConv(input: Make.arange([2, 2]), kernel: Make.tensor([1, 2]) { $0 == 0 ? 1 : -1 })
                .explanation)
        #expect(explanation.channels[0].firstSum == "0×1+1×(-1)=-1")
        #expect(explanation.output.values == [-1, -1])
    }

    @Test func leadingBatchDimensionsAreDropped() throws {
        let explanation = try #require(
            try Figure.explainConv(input: Make.arange([1, 1, 3, 3]), kernel: Make.arange([1, 1, 2, 2])).explanation)
        #expect(explanation.output.values == [19, 25, 37, 43])
    }

    @Test func mismatchesAndSizesAreErrors() {
        #expect(throws: FigureError.self) {
            try Figure.explainConv(input: Make.arange([2, 3, 3]), kernel: Make.arange([3, 2, 2]))
        }
        #expect(throws: FigureError.self) {
            try Figure.explainConv(input: Make.arange([2, 2]), kernel: Make.arange([3, 3]))
        }
        #expect(throws: FigureError.self) {
            try Figure.explainConv(input: Make.arange([20, 20]), kernel: Make.arange([2, 2]))
        }
    }
}
