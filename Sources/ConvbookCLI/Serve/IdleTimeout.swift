import ArgumentParser
import Foundation

/// `--idle-timeout`: how long a notebook's kernel may sit idle before it is stopped, as `30m`, `90s`, `2h`
/// or `0` (never).
struct IdleTimeout: ExpressibleByArgument, Sendable, Equatable {
    /// The timeout; `nil` keeps idle kernels forever.
    var duration: Duration?

    /// The default: 30 minutes.
    static let standard = IdleTimeout(duration: .seconds(30 * 60))

    init(duration: Duration?) {
        self.duration = duration
    }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        if text == "0" {
            self.init(duration: nil)
            return
        }
        guard let unit = text.last, let seconds = [Character("s"): 1.0, "m": 60, "h": 3600][unit],
            let amount = Double(text.dropLast()), amount.isFinite, amount >= 0, amount * seconds < 1e9
        else { return nil }
        self.init(duration: amount == 0 ? nil : .milliseconds(Int((amount * seconds * 1000).rounded())))
    }

    var defaultValueDescription: String { "30m" }

    /// The timeout as people read it: "30 min", "90 s", "2 h".
    var description: String {
        guard let duration else { return "never" }
        let seconds = duration.components.seconds
        if seconds >= 3600, seconds % 3600 == 0 { return "\(seconds / 3600) h" }
        if seconds >= 60, seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }
}
