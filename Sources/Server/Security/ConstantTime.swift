/// Comparison of secrets whose running time does not depend on where they differ.
enum ConstantTime {
    /// Whether `a` equals `b`, looking at every byte of `b` whatever `a` holds (a length mismatch
    /// still walks `b`), so timing does not reveal how much of a guessed token was right.
    static func equals(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in right.indices {
            let byte = index < left.count ? left[index] : 0
            difference |= byte ^ right[index]
        }
        return difference == 0
    }
}
