import Synchronization

/// Switches ``ImageLanes/scatter(_:count:into:stride:)``'s line-aligned stores off and on, for A/B
/// benchmarks (`convbook bench train --against lane-stores=plain`).
public enum ImageLaneStores {
    private static let enabled = Atomic<Bool>(true)

    /// Whether the scatter out of the lanes stores whole 64-byte lines where it can (on by default).
    public static var aligned: Bool {
        get { enabled.load(ordering: .relaxed) }
        set { enabled.store(newValue, ordering: .relaxed) }
    }
}
