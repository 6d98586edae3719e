import Foundation
import Synchronization

/// The Fashion-MNIST data set (Zalando, 70,000 28×28 grey-scale images of 10 kinds of clothing) as Debian's
/// `dataset-fashion-mnist` package installs it, under `/usr/share/datasets/fashion-mnist/`.
///
/// Each split is decompressed once per process and then shared: every session and data loader reads the
/// same bytes (``LabelledImages``), never a copy.
///
/// ```swift
/// let train = try FashionMNIST.split(.train)
/// train.count                       // 60000
/// FashionMNIST.classNames[Int(train.labels[0])]   // "ankle boot"
/// ```
public enum FashionMNIST {
    /// The training (60,000 images) or test (10,000 images) split.
    public enum Split: String, Sendable, CaseIterable {
        case train
        case test

        var filePrefix: String { self == .train ? "train" : "t10k" }
    }

    /// Where the files are looked for: `$CONVBOOK_FASHION_MNIST` when set, else Debian's install path.
    public static var directory: String {
        ProcessInfo.processInfo.environment["CONVBOOK_FASHION_MNIST"] ?? "/usr/share/datasets/fashion-mnist"
    }

    /// The class names in label order, as `d2l.FashionMNIST.text_labels` gives them.
    public static let classNames = [
        "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot",
    ]

    private static let cache = Mutex<[String: LabelledImages]>([:])

    /// The images and labels of `split`, read on first use and shared afterwards.
    public static func split(_ split: Split) throws(DatasetError) -> LabelledImages {
        let directory = Self.directory
        let key = directory + "/" + split.rawValue
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let images = try read(directory, "\(split.filePrefix)-images-idx3-ubyte")
        let labels = try read(directory, "\(split.filePrefix)-labels-idx1-ubyte")
        guard images.shape.count == 3, labels.shape.count == 1, images.shape[0] == labels.shape[0] else {
            throw DatasetError(
                .malformed, path: directory,
                "Fashion-MNIST's \(split.rawValue) files do not fit together: images \(images.shape), labels \(labels.shape)"
            )
        }
        if let bad = labels.elements.first(where: { Int($0) >= classNames.count }) {
            throw DatasetError(.malformed, path: directory, "Fashion-MNIST label \(bad) is not one of the 10 classes")
        }
        let value = LabelledImages(
            count: images.shape[0], height: images.shape[1], width: images.shape[2], pixels: images.elements,
            labels: labels.elements)
        cache.withLock { $0[key] = value }
        return value
    }

    /// Reads `name.gz` (or `name`) from `directory`.
    private static func read(_ directory: String, _ name: String) throws(DatasetError) -> IDXArray {
        let candidates = ["\(directory)/\(name).gz", "\(directory)/\(name)"]
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw DatasetError(
                .missing, path: candidates[0],
                "Fashion-MNIST is not installed here (no \(candidates[0])): install Debian's package with "
                    + "`sudo apt-get install dataset-fashion-mnist` (`make serve` and `make test` do), "
                    + "or set CONVBOOK_FASHION_MNIST to a folder holding the four IDX files")
        }
        return try IDXArray(bytes: GzipFile.read(path: path), path: path)
    }
}
