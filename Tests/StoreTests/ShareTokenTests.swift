import Foundation
import Notebook
import Testing

@testable import Store

/// Share tokens: made per notebook, listed while active, revoked for good, deleted with the notebook.
@Suite struct ShareTokenTests {
    @Test func aTokenShowsItsNotebookUntilRevoked() async throws {
        let store = try NotebookStore.inMemory(clock: { StoreTestSupport.now })
        let notebook = try await store.createNotebook(title: "Shared")
        let share = try await store.createShare(notebook: notebook.document.id)
        #expect(ShareToken.isWellFormed(share.token))
        #expect(share.created == StoreTestSupport.now)
        #expect(try await store.sharedNotebookID(token: share.token) == notebook.document.id)
        #expect(try await store.shares(notebook: notebook.document.id).map(\.token) == [share.token])

        #expect(try await store.revokeShare(token: share.token))
        #expect(try await store.sharedNotebookID(token: share.token) == nil)
        #expect(try await store.shares(notebook: notebook.document.id).isEmpty)
        // Revoking twice reports that nothing was active.
        #expect(try await store.revokeShare(token: share.token) == false)
    }

    @Test func tokensAreDistinctAndRandom() async throws {
        let store = try NotebookStore.inMemory()
        let notebook = try await store.createNotebook(title: "Shared")
        var tokens = Set<String>()
        for _ in 0..<50 { tokens.insert(try await store.createShare(notebook: notebook.document.id).token) }
        #expect(tokens.count == 50)
        // 128 random bits: every hex digit appears somewhere among 50 tokens.
        #expect(Set(tokens.joined()).count == 16)
    }

    @Test func unknownAndMalformedTokensShowNothing() async throws {
        let store = try NotebookStore.inMemory()
        #expect(try await store.sharedNotebookID(token: String(repeating: "a", count: 32)) == nil)
        #expect(try await store.sharedNotebookID(token: "' OR 1=1 --") == nil)
        #expect(try await store.revokeShare(token: "../../etc") == false)
    }

    @Test func sharingAMissingNotebookIsNotFound() async throws {
        let store = try NotebookStore.inMemory()
        await #expect(throws: StoreError.notFound(notebook: "nope")) {
            try await store.createShare(notebook: "nope")
        }
        await #expect(throws: StoreError.notFound(notebook: "nope")) {
            try await store.shares(notebook: "nope")
        }
    }

    @Test func deletingTheNotebookDeletesItsTokens() async throws {
        let store = try NotebookStore.inMemory()
        let notebook = try await store.createNotebook(title: "Shared")
        let share = try await store.createShare(notebook: notebook.document.id)
        try await store.delete(id: notebook.document.id)
        #expect(try await store.sharedNotebookID(token: share.token) == nil)
    }

    @Test func tokensSurviveReopeningTheFile() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        let notebook = try await store.createNotebook(title: "Kept")
        let share = try await store.createShare(notebook: notebook.document.id)
        let reopened = try NotebookStore(path: path)
        #expect(try await reopened.sharedNotebookID(token: share.token) == notebook.document.id)
    }
}
