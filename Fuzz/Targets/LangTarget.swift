import Lang

/// What must hold for any source text given to the language's front end.
enum LangTarget {
    static func run(_ text: String) -> [String] {
        var problems: [String] = []
        let source = Source(name: "<fuzz>", text: text)
        let (_, errors) = SyntaxCheck.check(source)
        var previousStart = 0
        for error in errors {
            if error.range.start < 0 || error.range.end > source.bytes.count {
                problems.append("error range \(error.range) outside the \(source.bytes.count)-byte source: \(error)")
            }
            if error.range.start < previousStart {
                problems.append("errors out of source order at \(error.range)")
            }
            previousStart = error.range.start
            if error.message.isEmpty { problems.append("an error without a message at \(error.range)") }
            if ErrorFormatter.render(error).isEmpty { problems.append("an error rendered as nothing") }
        }
        let names = NameAnalysis.analyze(text)
        if !errors.isEmpty && !(names.defines.isEmpty && names.uses.isEmpty) {
            problems.append("a source with syntax errors still reports names: \(names)")
        }
        return problems
    }
}
