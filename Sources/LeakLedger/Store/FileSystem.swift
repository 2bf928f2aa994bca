#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system operations the ledger needs, each a plain system call that throws a
/// `FileError` naming the path.
enum FileSystem {
    /// The whole content of the file at `path`.
    static func read(_ path: String) throws(FileError) -> [UInt8] {
        let file = try RawFile(path: path, flags: O_RDONLY)
        return try file.readAll()
    }

    /// True when something exists at `path` (a dangling symbolic link counts).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// True when `path` is a directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// True when `path` is a directory with no entries.
    static func isEmptyDirectory(_ path: String) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { return false }
        }
        return true
    }

    /// The names in a directory, without `.` and `..`.
    static func contents(of path: String) throws(FileError) -> [String] {
        guard let directory = opendir(path) else { throw FileError(path: path, operation: .open, errno: errno) }
        defer { closedir(directory) }
        var names = [String]()
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates one directory.
    static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(FileError) {
        guard mkdir(path, mode) == 0 else { throw FileError(path: path, operation: .create, errno: errno) }
    }

    /// Creates a directory and any missing parents; an existing directory is fine.
    static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(FileError) {
        if isDirectory(path) { return }
        let parent = directoryName(path)
        if parent != path && !parent.isEmpty { try makeDirectories(parent, mode: mode) }
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw FileError(path: path, operation: .create, errno: errno)
        }
    }

    /// Renames atomically (replacing `target`, or an empty directory at `target`).
    static func rename(_ source: String, to target: String) throws(FileError) {
        guard posixRename(source, target) == 0 else { throw FileError(path: target, operation: .rename, errno: errno) }
    }

    /// Forces a directory's entries (creations, renames) to stable storage.
    static func syncDirectory(_ path: String) throws(FileError) {
        let directory = try RawFile(path: path, flags: O_RDONLY | O_DIRECTORY)
        try directory.sync()
    }

    /// Removes a file; a missing file is not an error.
    static func removeFile(_ path: String) {
        unlink(path)
    }

    /// Removes a directory tree that this process created (no symbolic links followed).
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            for name in (try? contents(of: path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, syncs it, renames it over `path` and
    /// syncs the folder: after a crash the file holds either the old or the new bytes.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(FileError) {
        let temporary = path + ".tmp"
        do {
            let file = try RawFile(path: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
            try file.write(bytes, at: 0)
            try file.sync()
        } catch {
            removeFile(temporary)
            throw error
        }
        try rename(temporary, to: path)
        try syncDirectory(directoryName(path))
    }

    /// The folder part of a path (`.` for a bare name).
    static func directoryName(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// The last component of a path.
    static func baseName(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }
}

/// `rename(2)`, under a name that `FileSystem.rename` does not shadow.
private func posixRename(_ source: String, _ target: String) -> Int32 {
    rename(source, target)
}
