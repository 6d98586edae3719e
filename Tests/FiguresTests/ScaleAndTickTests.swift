import Testing

@testable import Figures

@Suite struct ScaleAndTickTests {
    @Test func divergingScalesAreSymmetricAroundZero() {
        let range = ValueRange.fitting([-1, 0, 3], colormap: .diverging, vmin: nil, vmax: nil)
        #expect(range == ValueRange(lower: -3, upper: 3))
        #expect(range.normalized(0) == 0.5)
    }

    @Test func explicitLimitsWin() {
        #expect(ValueRange.fitting([0, 10], colormap: .viridis, vmin: 2, vmax: 4) == ValueRange(lower: 2, upper: 4))
        #expect(ValueRange.fitting([0, 10], colormap: .viridis, vmin: nil, vmax: 5) == ValueRange(lower: 0, upper: 5))
    }

    @Test func constantDataGetsAWidenedRange() {
        #expect(ValueRange.fitting([3, 3], colormap: .viridis, vmin: nil, vmax: nil) == ValueRange(lower: 2, upper: 4))
        #expect(ValueRange.fitting([.nan], colormap: .viridis, vmin: nil, vmax: nil) == ValueRange(lower: -1, upper: 1))
    }

    @Test func niceTicksAreRoundNumbers() {
        #expect(Ticks.nice(lower: 0, upper: 47) == [0, 10, 20, 30, 40])
        #expect(Ticks.nice(lower: -1.49, upper: 1.49, target: 6) == [-1, -0.5, 0, 0.5, 1])
        #expect(Ticks.nice(lower: 0.001, upper: 0.0042, target: 4) == [0.001, 0.002, 0.003, 0.004])
        #expect(Ticks.logarithmic(lower: 0.03, upper: 12) == [0.1, 1, 10])
    }

    @Test(arguments: [
        (Float(19), "19"), (0.5, "0.5"), (-0.333, "-0.33"), (1.005e6, "1e+06"), (0.0001, "1e-04"), (.nan, "nan"),
        (-.infinity, "-inf"),
    ])
    func numbersAreShort(value: Float, text: String) {
        #expect(NumberFormat.short(value) == text)
    }

    @Test func cellNumbersRoundTinyValuesToZero() {
        #expect(NumberFormat.fixed(-0.001, decimals: 2) == "0")
        #expect(NumberFormat.fixed(0.25, decimals: 2) == "0.25")
        #expect(NumberFormat.decimals(forMagnitude: 0.003) == 4)
        #expect(NumberFormat.decimals(forMagnitude: 40) == 2)
    }
}
