import Foundation

/// Waits for the machine to be quiet before a timed sample, the way `shared/bench/peer_conv.py`
/// does, so that our numbers and the peers' are taken under the same conditions on a shared
/// machine. "Foreign" load is the CPU time other processes used, in cores.
struct BenchQuiet {
    /// Samples start only when other processes use fewer than this many cores (0: never wait).
    var threshold: Double
    /// Longest wait per sample, in seconds.
    var timeout: Double

    /// Blocks until a 0.3 s window saw less than ``threshold`` foreign cores, or the timeout passed.
    func wait() {
        guard threshold > 0 else { return }
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            let window = Window()
            Thread.sleep(forTimeInterval: 0.3)
            if window.foreignCores() < threshold { return }
        }
    }

    /// CPU counters at the start of a measured interval.
    struct Window {
        let started = Date()
        let busy = Window.systemBusyTicks()
        let own = Window.ownTicks()

        /// Cores used by other processes since the window started.
        func foreignCores() -> Double {
            let seconds = Date().timeIntervalSince(started)
            guard seconds > 0 else { return 0 }
            let ticks = Double((Window.systemBusyTicks() - busy) - (Window.ownTicks() - own))
            return max(0, ticks / Double(sysconf(Int32(_SC_CLK_TCK))) / seconds)
        }

        /// Busy ticks of all CPUs: the first line of /proc/stat minus idle and iowait.
        static func systemBusyTicks() -> Int {
            guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
                let line = text.split(separator: "\n").first
            else { return 0 }
            let fields = line.split(separator: " ").dropFirst().prefix(8).compactMap { Int($0) }
            guard fields.count == 8 else { return 0 }
            return fields.reduce(0, +) - fields[3] - fields[4]
        }

        /// This process's user + system ticks (and its waited-for children's).
        static func ownTicks() -> Int {
            guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
                let close = text.lastIndex(of: ")")
            else { return 0 }
            let fields = text[text.index(after: close)...].split(separator: " ")
            // After the command name: state is field 0, utime..cstime are fields 11...14.
            guard fields.count > 14 else { return 0 }
            return fields[11...14].compactMap { Int($0) }.reduce(0, +)
        }
    }
}
