/// Completion and inspection over a session's interpreter, without running any code the user wrote.
///
/// Names are looked up in the globals, then the builtins; a dotted chain is followed attribute by
/// attribute. User objects are read from their attribute tables and class chains (a `@property` or a
/// `__repr__` the user wrote is never called), so asking about a name cannot hang or change the session.
struct Introspector {
    let interpreter: Interpreter

    /// Python's keywords, offered with the names.
    static let keywords = [
        "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// The value of a bare name: a global, else a builtin.
    func lookup(_ name: String) -> Value? {
        interpreter.globals.variables[name] ?? interpreter.builtins[name]
    }

    /// The value at the end of `names` (`["torch", "nn", "Conv2d"]`), or `nil` if a link is missing;
    /// a first name not yet defined may be one that `code` imports (`import torch.nn as nn`).
    func resolve(_ names: [String], importsIn code: String = "") -> Value? {
        guard let first = names.first, var value = lookup(first) ?? imported(first, in: code) else { return nil }
        for name in names.dropFirst() {
            guard let next = attribute(of: value, name) else { return nil }
            value = next
        }
        return value
    }

    /// An attribute without running user code: user instances and classes are read from their tables.
    func attribute(of value: Value, _ name: String) -> Value? {
        switch value {
        case .object(let instance as Instance):
            if let own = instance.attributes[name] { return own }
            if let inherited = instance.cls.lookup(name) { return inherited }
            return AttributeVocabulary.module.contains(name) ? try? interpreter.attribute(value, name) : nil
        case .object(let cls as ClassObject):
            return cls.lookup(name)
        default:
            return try? interpreter.attribute(value, name)
        }
    }

    /// The attribute names a value offers after a dot.
    func attributeNames(of value: Value) -> [String] {
        var names = Set<String>()
        switch value {
        case .module(let module):
            names.formUnion(module.attributes.keys)
            let prefix = module.name + "."
            for key in interpreter.modules.keys where key.hasPrefix(prefix) {
                let rest = key.dropFirst(prefix.count)
                if !rest.contains(".") { names.insert(String(rest)) }
            }
        case .object(let instance as Instance):
            names.formUnion(instance.attributes.keys)
            for cls in instance.cls.resolutionOrder { names.formUnion(cls.attributes.keys) }
            for name in AttributeVocabulary.module where interpreter.hasAttribute(value, name) { names.insert(name) }
        case .object(let cls as ClassObject):
            for ancestor in cls.resolutionOrder { names.formUnion(ancestor.attributes.keys) }
        default:
            for name in Set(AttributeVocabulary.candidates) where interpreter.hasAttribute(value, name) {
                names.insert(name)
            }
        }
        return Array(names)
    }

    /// The module `name` stands for in an `import` statement of `code` (`import torch`,
    /// `import torch.nn as nn`, `from torch import nn`), so names complete before the import has run.
    func imported(_ name: String, in code: String) -> Value? {
        for line in code.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
            guard let keyword = words.first else { continue }
            if keyword == "import" {
                var index = 1
                while index < words.count {
                    let module = words[index]
                    if index + 2 < words.count, words[index + 1] == "as" {
                        if words[index + 2] == name { return interpreter.modules[module].map(Value.module) }
                        index += 3
                    } else {
                        if module.split(separator: ".").first.map(String.init) == name {
                            return interpreter.modules[name].map(Value.module)
                        }
                        index += 1
                    }
                }
            } else if keyword == "from", words.count >= 4, words[2] == "import" {
                guard let module = interpreter.modules[words[1]] else { continue }
                var index = 3
                while index < words.count {
                    let member = words[index]
                    var alias = member
                    if index + 2 < words.count, words[index + 1] == "as" {
                        alias = words[index + 2]
                        index += 3
                    } else {
                        index += 1
                    }
                    if alias == name {
                        return attribute(of: .module(module), member)
                            ?? interpreter.modules[words[1] + "." + member].map(Value.module)
                    }
                }
            }
        }
        return nil
    }

    /// The names completing the code before `cursor`.
    func completions(in code: String, cursor position: Int) -> CompletionMatches {
        let cursor = CodeCursor(code: code, position: position)
        var candidates: [String]
        if cursor.base.isEmpty {
            candidates = interpreter.globals.variables.names + Array(interpreter.builtins.keys) + Self.keywords
        } else if let value = resolve(cursor.base, importsIn: code) {
            candidates = attributeNames(of: value)
        } else {
            candidates = []
        }
        if cursor.base.isEmpty { candidates += keywordArguments(in: code, before: cursor.start) }
        let showPrivate = cursor.partial.hasPrefix("_")
        let matches = Set(candidates).filter { name in
            name.hasPrefix(cursor.partial) && (showPrivate || !name.hasPrefix("_"))
        }
        return CompletionMatches(matches: matches.sorted(), cursorStart: cursor.start, cursorEnd: cursor.end)
    }

    /// Inside a call's parentheses, the keyword arguments (`dtype=`) its signature names, read from
    /// what inspection says about the function called (so both agree).
    private func keywordArguments(in code: String, before start: Int) -> [String] {
        let prefix = String(String.UnicodeScalarView(code.unicodeScalars.prefix(start)))
        guard let last = prefix.unicodeScalars.last, last == "(" || last == "," || last == " ",
            let inspection = inspection(of: prefix, cursor: start, detailLevel: 0),
            let line = inspection.text.split(separator: "\n").first(where: { $0.contains("ignature: ") }),
            let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close
        else { return [] }
        return line[line.index(after: open)..<close].split(separator: ",").compactMap { parameter in
            let name = String(parameter.prefix { $0 != "=" && $0 != ":" }).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name != "self", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else { return nil }
            return name + "="
        }
    }
}
