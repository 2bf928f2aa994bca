#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LeakLedger

/// A progress bar on standard error, redrawn in place: files and bytes done of the totals,
/// the rate, and the time left. Drawn only when standard error is a terminal.
final class ProgressBar {
    private let totalFiles: Int
    private let totalBytes: Int
    private let started = Date()
    private var lastDraw = Date.distantPast

    init(totalFiles: Int, totalBytes: Int) {
        self.totalFiles = max(totalFiles, 1)
        self.totalBytes = max(totalBytes, 1)
    }

    /// Whether a bar belongs on standard error.
    static var isWanted: Bool { isatty(STDERR_FILENO) == 1 }

    /// Redraws the bar (at most ten times a second, unless `force`).
    func update(_ progress: ImportProgress, force: Bool = false) {
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let fraction = min(1, Double(progress.bytes) / Double(totalBytes) * 0.5 + Double(progress.files) / Double(totalFiles) * 0.5)
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let rate = Double(progress.files) / elapsed
        let left = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : nil
        var line = "\r\(bar) \(progress.files)/\(totalFiles) files · \(Self.bytes(progress.bytes))/\(Self.bytes(totalBytes))"
        line += " · \(String(format: "%.0f", rate)) files/s · \(Self.bytes(Int(Double(progress.bytes) / elapsed)))/s"
        line += left.map { " · \(Self.duration($0)) left" } ?? ""
        line += " \u{1B}[K"
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Ends the bar's line.
    func finish(_ progress: ImportProgress) {
        update(progress, force: true)
        _ = write(STDERR_FILENO, "\n", 1)
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count), unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m" }
        if total >= 60 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total)s"
    }
}
