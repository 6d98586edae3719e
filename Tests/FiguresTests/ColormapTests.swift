import Figures
import Testing

@Suite struct ColormapTests {
    /// Endpoints of matplotlib's published `_viridis_data` (first and last rows), × 255, rounded.
    @Test func viridisEndsMatchMatplotlib() {
        #expect(Colormap.viridis.color(at: 0) == RGB(red: 68, green: 1, blue: 84))  // 0.267004, 0.004874, 0.329415
        #expect(Colormap.viridis.color(at: 1) == RGB(red: 253, green: 231, blue: 37))  // 0.993248, 0.906157, 0.143936
    }

    @Test func tablesHave256Entries() {
        for map in Colormap.allCases { #expect(map.table.count == 256) }
    }

    @Test func divergingCentreIsNearWhite() {
        let centre = Colormap.diverging.color(at: 0.5)
        #expect(centre.luminance > 0.85)
        #expect(Colormap.index(of: 0.5) == 128)
    }

    @Test func nanHasTheNonFiniteColour() {
        #expect(Colormap.gray.color(at: .nan) == Colormap.nonFiniteColor)
    }

    @Test(arguments: [("viridis", Colormap.viridis), ("RdBu_r", .diverging), ("coolwarm", .diverging), ("grey", .gray)])
    func namesResolve(name: String, expected: Colormap) {
        #expect(Colormap(name: name) == expected)
    }

    @Test func everyAdvertisedNameResolves() {
        for name in Colormap.names { #expect(Colormap(name: name) != nil, "\(name)") }
        #expect(Colormap(name: "jet") == nil)
    }

    @Test func contrastingTextFollowsLuminance() {
        #expect(Colormap.viridis.color(at: 0).contrastingText == RGB(red: 255, green: 255, blue: 255))
        #expect(Colormap.viridis.color(at: 1).contrastingText == RGB(red: 0, green: 0, blue: 0))
    }
}
