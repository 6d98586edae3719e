import TensorsWide

/// Switches the line-aligned stores of the scatter out of the image lanes (``ConvBatchLanes``'s
/// outputs, LeNet's second layer) off and on, for A/B benchmarks
/// (`convbook bench train --against lane-stores=plain`).
@_spi(Benchmark) public enum LaneStoreAlignment {
    /// Whether rows are stored to whole 64-byte lines where the images share their alignment (on by
    /// default).
    public static var isOn: Bool {
        get { ImageLaneStores.aligned }
        set { ImageLaneStores.aligned = newValue }
    }
}
