import Notebook

/// A notebook as stored: the document and the revision it was read at.
///
/// Pass `revision` back as `expectedRevision` with the next edit; the store refuses the edit with
/// `StoreError.conflict` if somebody saved in between.
public struct StoredNotebook: Sendable, Hashable, Codable {
    /// The document, with every picture's PNG bytes.
    public var document: NotebookDocument
    /// The revision the document was read at.
    public var revision: Int

    /// Pairs a document with its revision.
    public init(document: NotebookDocument, revision: Int) {
        self.document = document
        self.revision = revision
    }
}
