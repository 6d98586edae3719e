/// Elements in a buffer that ``ElementBuffer`` admitted and made, the only storage
/// ``Tensor/init(uncheckedShape:storage:)`` takes.
///
/// Its initialiser is private to this file and only ``ElementBuffer`` builds ``AdmittedElements``,
/// so a tensor whose buffer skipped the address-space guard does not compile; a tensor that
/// shares an existing tensor's buffer uses ``Tensor/init(uncheckedShape:sharingStorageOf:)``.
struct AdmittedStorage {
    /// The storage, ready for a tensor.
    let storage: TensorStorage

    fileprivate init(_ storage: TensorStorage) { self.storage = storage }

    /// float32 storage over admitted elements.
    @inline(__always) static func float32(_ elements: AdmittedElements<Float>) -> AdmittedStorage {
        AdmittedStorage(.float32(elements.array))
    }
    /// int32 storage over admitted elements.
    @inline(__always) static func int32(_ elements: AdmittedElements<Int32>) -> AdmittedStorage {
        AdmittedStorage(.int32(elements.array))
    }
    /// int64 storage over admitted elements.
    @inline(__always) static func int64(_ elements: AdmittedElements<Int64>) -> AdmittedStorage {
        AdmittedStorage(.int64(elements.array))
    }
    /// bool storage over admitted elements.
    @inline(__always) static func bool(_ elements: AdmittedElements<Bool>) -> AdmittedStorage {
        AdmittedStorage(.bool(elements.array))
    }

    /// Storage that is already some tensor's (admitted when it was made), for a result that
    /// shares it; ``TensorStorage/converted(to:for:)`` to the type it has is the one user.
    @inline(__always) init(alreadyAdmitted storage: TensorStorage) { self.storage = storage }

    /// The element type.
    var dtype: DType { storage.dtype }
    /// The number of elements.
    var count: Int { storage.count }
}
