import ArgumentParser
import Foundation
import Render

/// How a terminal draws a picture among its text: kitty's graphics protocol, iTerm2's inline images
/// (also WezTerm), or sixel.
///
/// ``detect(environment:)`` reads the terminal from the environment; `CONVBOOK_IMAGES` overrides it:
/// `none` (or `off`, `0`) draws nothing, `kitty`, `iterm2` or `sixel` choose a protocol.
enum InlineImage: String, Sendable, CaseIterable {
    case kitty
    case iterm2
    case sixel

    /// The protocol the terminal speaks, `nil` when it draws no images (or the user opted out); when
    /// the environment does not tell, `attributes` asks the terminal whether it draws sixels.
    ///
    /// - Throws: `ValidationError` when `CONVBOOK_IMAGES` names no protocol.
    static func detect(
        environment: [String: String], attributes: () -> [Int]? = { TerminalAttributes.primary() }
    ) throws -> InlineImage? {
        switch environment["CONVBOOK_IMAGES"]?.lowercased() {
        case "none", "off", "0", "no", "false": return nil
        case "auto", "", nil: break
        case let chosen?:
            guard let chosen = InlineImage(rawValue: chosen) else {
                throw ValidationError("CONVBOOK_IMAGES must be none, auto, kitty, iterm2 or sixel, not '\(chosen)'")
            }
            return chosen
        }
        let term = environment["TERM"] ?? ""
        let program = environment["TERM_PROGRAM"] ?? ""
        if term == "xterm-kitty" || environment["KITTY_WINDOW_ID"] != nil || program == "ghostty" { return .kitty }
        if program == "iTerm.app" || program == "WezTerm" || environment["LC_TERMINAL"] == "iTerm2" { return .iterm2 }
        if ["mlterm", "yaft-256color"].contains(term) || term.hasPrefix("foot") { return .sixel }
        // xterm (with sixels compiled in), Konsole, WezTerm, VS Code and others say so when asked.
        if term != "dumb", term != "emacs", attributes()?.dropFirst().contains(4) == true { return .sixel }
        return nil
    }

    /// The escape sequence that draws `image` at the cursor.
    func escape(for image: RenderedImage) -> String {
        switch self {
        case .kitty:
            // Base64 in chunks of at most 4096 bytes, `m=1` on all but the last.
            let encoded = Array(Data(image.png).base64EncodedString().utf8)
            var text = ""
            var start = 0
            repeat {
                let end = min(encoded.count, start + 4096)
                let more = end < encoded.count ? 1 : 0
                let keys = start == 0 ? "a=T,f=100,m=\(more)" : "m=\(more)"
                text += "\u{1B}_G\(keys);" + String(decoding: encoded[start..<end], as: UTF8.self) + "\u{1B}\\"
                start = end
            } while start < encoded.count
            return text
        case .iterm2:
            let encoded = Data(image.png).base64EncodedString()
            return "\u{1B}]1337;File=inline=1;size=\(image.png.count);width=\(image.width)px;"
                + "preserveAspectRatio=1:\(encoded)\u{07}"
        case .sixel:
            guard let decoded = try? RGBAImage.decode(image.png) else { return "" }
            return Self.sixel(decoded)
        }
    }

    /// The picture as sixel graphics, its colours reduced to a 6×6×6 cube (composited over white).
    static func sixel(_ image: RGBAImage) -> String {
        let width = image.width
        let height = image.height
        var indices = [UInt8](repeating: 0, count: width * height)
        for index in 0..<(width * height) {
            let alpha = Int(image.rgba[index * 4 + 3])
            func level(_ channel: Int) -> Int {
                let value = (Int(image.rgba[index * 4 + channel]) * alpha + 255 * (255 - alpha)) / 255
                return (value * 5 + 127) / 255
            }
            indices[index] = UInt8(level(0) * 36 + level(1) * 6 + level(2))
        }
        var out = "\u{1B}Pq\"1;1;\(width);\(height)"
        for color in 0..<216 {
            let (r, g, b) = (color / 36, color / 6 % 6, color % 6)
            out += "#\(color);2;\(r * 20);\(g * 20);\(b * 20)"
        }
        for band in stride(from: 0, to: height, by: 6) {
            let rows = min(6, height - band)
            var used = Set<UInt8>()
            for y in band..<(band + rows) { for x in 0..<width { used.insert(indices[y * width + x]) } }
            for (number, color) in used.sorted().enumerated() {
                if number > 0 { out += "$" }
                out += "#\(color)"
                var previous: UInt8 = 0
                var run = 0
                func flush() {
                    guard run > 0 else { return }
                    let character = String(UnicodeScalar(63 + previous))
                    out += run > 3 ? "!\(run)\(character)" : String(repeating: character, count: run)
                }
                for x in 0..<width {
                    var bits: UInt8 = 0
                    for row in 0..<rows where indices[(band + row) * width + x] == color { bits |= 1 << row }
                    if bits == previous {
                        run += 1
                    } else {
                        flush()
                        previous = bits
                        run = 1
                    }
                }
                flush()
            }
            out += "-"
        }
        return out + "\u{1B}\\"
    }
}
