extension Session {
    /// The names that complete `code` at `cursor` (Unicode code points), from the session's variables,
    /// the builtins and the attributes of the value before a dot; `nil` while a cell runs.
    ///
    /// ```swift
    /// _ = session.run("import torch\nX = torch.ones(2, 3)")
    /// session.completions(in: "X.sh", cursor: 4)?.matches   // ["shape"]
    /// ```
    public func completions(in code: String, cursor: Int) -> CompletionMatches? {
        lock.withLockIfAvailable { _ in Introspector(interpreter: interpreter).completions(in: code, cursor: cursor) }
    }

    /// What the name at `cursor` is (signature and docs, a tensor's shape and dtype), `nil` when the
    /// cursor is on no known name or a cell is running.
    public func inspection(of code: String, cursor: Int, detailLevel: Int = 0) -> Inspection? {
        lock.withLockIfAvailable { _ in
            Introspector(interpreter: interpreter).inspection(of: code, cursor: cursor, detailLevel: detailLevel)
        } ?? nil
    }
}
