#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer's lock: an exclusive `flock(2)` on the ledger's `lock` file, held for one commit.
///
/// Readers never take it. A second writer polls until the first is done or the wait runs out;
/// the kernel drops the lock when its holder dies, so a killed writer never blocks the next.
struct LedgerLock: ~Copyable {
    private let file: RawFile

    /// Takes the lock on the file at `path` (outside a ledger folder: the reader's memory),
    /// waiting up to `timeout` seconds.
    init(path: String, timeout: Double) throws(LedgerError) {
        let file: RawFile
        do { file = try RawFile(path: path, flags: O_RDWR | O_CREAT | O_NOFOLLOW, mode: 0o644) } catch { throw LedgerError(error) }
        try self.init(file: file, timeout: timeout)
    }

    /// Takes the lock on the regular file `name` of a ledger folder (never through a link).
    init(folder: LedgerFolder, name: String, timeout: Double) throws(LedgerError) {
        let file: RawFile
        do { file = try folder.open(name, flags: O_RDWR | O_CREAT, mode: 0o644) } catch { throw LedgerError(error) }
        try self.init(file: file, timeout: timeout)
    }

    private init(file: consuming RawFile, timeout: Double) throws(LedgerError) {
        let path = file.path
        let deadline = Self.now() + max(0, timeout)
        var pause = 0.005
        while flock(file.descriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            if failure == EINTR { continue }
            guard failure == EWOULDBLOCK else {
                throw LedgerError(FileError(path: path, operation: .lock, errno: failure))
            }
            let left = deadline - Self.now()
            guard left > 0 else {
                throw LedgerError(.locked, "another writer holds \(path) and did not finish within \(Self.seconds(timeout)); try again, or wait longer with --wait SECONDS")
            }
            // Random pauses, so that waiting writers do not wake in step.
            let nap = min(left, pause * Double.random(in: 0.5...1.5))
            usleep(useconds_t(nap * 1_000_000))
            pause = min(pause * 2, 0.1)
        }
        self.file = file
    }

    deinit { flock(file.descriptor, LOCK_UN) }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
