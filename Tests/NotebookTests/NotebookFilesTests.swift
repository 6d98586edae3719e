import Foundation
import Testing

@testable import Notebook

@Suite("notebook files on disk")
struct NotebookFilesTests {
    @Test("the format follows the extension; every readable format reads back what was written")
    func formats() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let notebook = try SampleNotebooks.allOutputKinds()

        let ipynb = directory.appendingPathComponent("lesson.ipynb")
        try NotebookFiles.write(notebook, to: ipynb)
        #expect(try NotebookFiles.read(contentsOf: ipynb).cells.map(\.source) == notebook.cells.map(\.source))

        let percent = directory.appendingPathComponent("lesson.py")
        try NotebookFiles.write(notebook, to: percent)
        let fromPercent = try NotebookFiles.read(contentsOf: percent)
        #expect(fromPercent.title == "Multiple channels", "the first heading")
        #expect(fromPercent.cells.map(\.source) == notebook.cells.map(\.source))
        #expect(fromPercent.cells.map(\.tags) == notebook.cells.map(\.tags))

        let html = directory.appendingPathComponent("lesson.HTML")
        try NotebookFiles.write(notebook, to: html)
        #expect(try String(contentsOf: html, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(throws: NotebookFileError.self) { try NotebookFiles.read(contentsOf: html) }
    }

    @Test("unknown extensions and unwritable places are errors, with the file's name")
    func refusals() throws {
        let notebook = SampleNotebooks.empty()
        #expect {
            try NotebookFiles.write(notebook, to: URL(fileURLWithPath: "/tmp/lesson.docx"))
        } throws: { error in
            (error as? NotebookFileError)?.description
                == "lesson.docx: Convbook writes notebooks as .ipynb, .py or .html files, not 'docx'"
        }
        #expect {
            try NotebookFiles.write(notebook, to: URL(fileURLWithPath: "/nonexistent-convbook/dir/lesson.ipynb"))
        } throws: { error in
            (error as? NotebookFileError)?.kind == .unwritable
        }
    }
}
