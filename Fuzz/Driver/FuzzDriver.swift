import ConvbookFuzzTargets
import Foundation

// Two builds of one driver:
// - `make fuzz` compiles it with `-sanitize=fuzzer -D CONVBOOK_LIBFUZZER`: libFuzzer owns `main`, mutates the
//   corpus and calls `LLVMFuzzerTestOneInput` for the target named by `CONVBOOK_FUZZ_TARGET`.
// - The ordinary build replays files: `convbook-fuzz TARGET PATH…` runs every file (or every file in each
//   folder) through the target and exits 1 if any broke a property, so a crash file can be debugged
//   without the sanitizer build.

#if CONVBOOK_LIBFUZZER
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    nonisolated(unsafe) private var selectedTarget = FuzzTarget.lang

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let problems = selectedTarget.run(bytes)
        if !problems.isEmpty {
            FileHandle.standardError.write(Data(("property broken:\n" + problems.joined(separator: "\n") + "\n").utf8))
            abort()
        }
        return 0
    }

    /// SwiftPM links an executable's entry point under this name; libFuzzer's driver takes over from it.
    @_cdecl("convbook_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        let name = ProcessInfo.processInfo.environment["CONVBOOK_FUZZ_TARGET"] ?? "lang"
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("unknown CONVBOOK_FUZZ_TARGET \(name)\n".utf8))
            return 2
        }
        selectedTarget = target
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
    }
#else
    @main
    enum FuzzReplay {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
                print("usage: convbook-fuzz \(names) FILE_OR_FOLDER…")
                exit(2)
            }
            var failed = 0
            var count = 0
            for path in arguments.dropFirst() {
                for file in files(at: path) {
                    count += 1
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    let problems = target.run(Array(data))
                    if !problems.isEmpty {
                        failed += 1
                        print("\(file):\n  " + problems.joined(separator: "\n  "))
                    }
                }
            }
            print("\(count) inputs, \(failed) broke a property")
            exit(failed == 0 ? 0 : 1)
        }

        static func files(at path: String) -> [String] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
            guard isFolder.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().filter { !$0.hasPrefix(".") }.map { path + "/" + $0 }
        }
    }
#endif
