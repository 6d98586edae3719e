import Lang

extension KernelHost {
    /// The completions of `code` at `cursor`, or a failure while a cell holds the session.
    func completionReply(request: Int, code: String, cursor: Int) -> KernelMessage {
        guard let completions = session.completions(in: code, cursor: cursor) else {
            return .failure(request: request, message: "the kernel is busy running a cell")
        }
        return .completions(request: request, completions)
    }

    /// What the name at `cursor` is (`nil` inspection when none), or a failure while a cell holds the session.
    func inspectionReply(request: Int, code: String, cursor: Int, detailLevel: Int) -> KernelMessage {
        guard session.variables() != nil else {
            return .failure(request: request, message: "the kernel is busy running a cell")
        }
        return .inspection(
            request: request, session.inspection(of: code, cursor: cursor, detailLevel: detailLevel))
    }
}
