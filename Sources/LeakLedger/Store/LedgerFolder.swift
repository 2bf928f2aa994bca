#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ledger folder opened for access that never leaves it (DESIGN.md, "Reading: verify what you
/// use, touch only what you need").
///
/// Anyone may have written the folder, so every file is opened relative to the folder's own
/// descriptor, one path component at a time, with `O_NOFOLLOW`: a symbolic link planted at
/// `checkpoint.tmp`, `lock` or `log/` is refused, never followed out of the folder. Only regular
/// files are read or written (a FIFO or a device is refused before a byte is read), reads are
/// bounded, and temporary files are created with `O_EXCL` under names no one else can predict.
final class LedgerFolder: Sendable {
    /// The folder's path as given (the folder itself may be a link the user chose).
    let path: String
    private let descriptor: Int32

    /// Opens the folder; `missing` when there is no folder at `path`.
    init(path: String) throws(FileError) {
        let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, operation: .open, errno: errno) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The path of a name inside the folder, for messages.
    func display(_ name: String) -> String { path + "/" + name }

    // MARK: Opening

    /// Opens the regular file `name` (a path relative to the folder, e.g. `log/hashes`) with
    /// `open(2)` flags. Links, FIFOs, devices and folders are refused with an error that says so.
    func open(_ name: String, flags: Int32, mode: mode_t = 0o644) throws(FileError) -> RawFile {
        let (parent, last) = try openParent(of: name, creating: false)
        defer { if parent != descriptor { close(parent) } }
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        let opened = openat(parent, last, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode)
        guard opened >= 0 else { throw failure(name, flags & O_CREAT != 0 ? .create : .open, errno) }
        var info = stat()
        guard fstat(opened, &info) == 0 else {
            let code = errno
            close(opened)
            throw FileError(path: display(name), operation: .open, errno: code)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(opened)
            throw FileError(path: display(name), operation: .open,
                            message: "it is \(Self.kind(info.st_mode)), not a regular file; a ledger folder holds only regular files and folders: remove it")
        }
        _ = fcntl(opened, F_SETFL, fcntl(opened, F_GETFL) & ~O_NONBLOCK)
        return RawFile(descriptor: opened, path: display(name))
    }

    /// The whole content of the regular file `name`; more than `limit` bytes is an error.
    func read(_ name: String, limit: Int) throws(FileError) -> [UInt8] {
        try open(name, flags: O_RDONLY).readAll(limit: limit)
    }

    /// The kind of the item at `name` without following a link: nil when there is none.
    func kind(of name: String) throws(FileError) -> FileKind? {
        let (parent, last) = try openParent(of: name, creating: false)
        defer { if parent != descriptor { close(parent) } }
        var info = stat()
        guard fstatat(parent, last, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw FileError(path: display(name), operation: .open, errno: errno)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        default: return .special
        }
    }

    /// The file's identity and last change as one string (inode, size, modification time): when
    /// it changes while the log's size stays the same, the file was edited in place.
    func stamp(of name: String) -> String? {
        guard let (parent, last) = try? openParent(of: name, creating: false) else { return nil }
        defer { if parent != descriptor { close(parent) } }
        var info = stat()
        guard fstatat(parent, last, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return "\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// What is at a name in the folder.
    enum FileKind: Equatable {
        case file(size: Int), directory, link, special
    }

    /// Refuses anything at `name` but a regular file or nothing (for files a library such as
    /// SQLite opens by path: the check is the most that can be done before handing it the path).
    func requireRegularOrAbsent(_ name: String) throws(FileError) {
        switch try kind(of: name) {
        case nil, .file: return
        case .link:
            throw FileError(path: display(name), operation: .open, message: "it is a symbolic link; a ledger folder holds no links (one may have been planted to make the ledger write elsewhere): remove it")
        case .directory, .special:
            throw FileError(path: display(name), operation: .open, message: "it is not a regular file: remove it")
        }
    }

    // MARK: Writing

    /// Creates the folder `name` (one level) unless it exists as a folder; a link is refused.
    func makeDirectory(_ name: String) throws(FileError) {
        let (parent, last) = try openParent(of: name, creating: false)
        defer { if parent != descriptor { close(parent) } }
        if mkdirat(parent, last, 0o755) != 0, errno != EEXIST { throw failure(name, .create, errno) }
        guard try kind(of: name) == .directory else {
            throw FileError(path: display(name), operation: .create, message: "something other than a folder is in its place: remove it")
        }
    }

    /// Writes `bytes` to a new temporary file beside `name` (created with `O_EXCL`), syncs it,
    /// renames it over `name` and syncs the folder: after a crash `name` holds the old or the
    /// new bytes. A link at `name` is replaced, never followed.
    func writeAtomically(_ bytes: [UInt8], to name: String, mode: mode_t = 0o644) throws(FileError) {
        let temporary = try createTemporary(beside: name, mode: mode)
        do {
            try temporary.file.write(bytes, at: 0)
            try temporary.file.sync()
            try rename(temporary.name, to: name)
        } catch {
            remove(temporary.name)
            throw error
        }
        try sync(directoryOf: name)
    }

    /// A new, empty temporary file beside `name`, with a name no one could have planted.
    func createTemporary(beside name: String, mode: mode_t = 0o644) throws(FileError) -> TemporaryFile {
        let directory = Self.directoryPart(name)
        let base = Self.lastPart(name)
        for _ in 0..<8 {
            let candidate = (directory.isEmpty ? "" : directory + "/") + ".\(base).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
            do {
                return TemporaryFile(file: try open(candidate, flags: O_WRONLY | O_CREAT | O_EXCL, mode: mode), name: candidate)
            } catch where error.errno == EEXIST {
                continue
            }
        }
        throw FileError(path: display(name), operation: .create, message: "cannot find a free temporary name beside it")
    }

    /// Renames within the folder (a link at `target` is replaced, not followed).
    func rename(_ source: String, to target: String) throws(FileError) {
        let (sourceParent, sourceLast) = try openParent(of: source, creating: false)
        defer { if sourceParent != descriptor { close(sourceParent) } }
        let (targetParent, targetLast) = try openParent(of: target, creating: false)
        defer { if targetParent != descriptor { close(targetParent) } }
        guard renameat(sourceParent, sourceLast, targetParent, targetLast) == 0 else {
            throw FileError(path: display(target), operation: .rename, errno: errno)
        }
    }

    /// Removes the file (or link) `name`; a missing one is fine.
    func remove(_ name: String) {
        guard let (parent, last) = try? openParent(of: name, creating: false) else { return }
        defer { if parent != descriptor { close(parent) } }
        unlinkat(parent, last, 0)
    }

    /// The names in the folder `name` ("" for the ledger folder itself), without `.` and `..`.
    func contents(of name: String) throws(FileError) -> [String] {
        let directory: Int32
        if name.isEmpty {
            directory = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        } else {
            let (parent, last) = try openParent(of: name, creating: false)
            defer { if parent != descriptor { close(parent) } }
            directory = openat(parent, last, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard directory >= 0 else { throw failure(name, .open, errno) }
        guard let stream = fdopendir(directory) else {
            close(directory)
            throw FileError(path: display(name), operation: .open, errno: errno)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let item = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if item != "." && item != ".." { names.append(item) }
        }
        return names
    }

    /// Forces the entries of the folder holding `name` (creations, renames) to stable storage.
    func sync(directoryOf name: String) throws(FileError) {
        let directory = Self.directoryPart(name)
        let descriptor: Int32
        if directory.isEmpty {
            descriptor = openat(self.descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        } else {
            let (parent, last) = try openParent(of: directory, creating: false)
            defer { if parent != self.descriptor { close(parent) } }
            descriptor = openat(parent, last, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard descriptor >= 0 else { throw failure(directory, .sync, errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileError(path: display(directory), operation: .sync, errno: errno) }
    }

    // MARK: Helpers

    /// The descriptor of the folder holding `name` and its last component; every folder on the
    /// way is opened with `O_NOFOLLOW`, so a link in place of `log/` is refused.
    private func openParent(of name: String, creating: Bool) throws(FileError) -> (Int32, String) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let last = parts.last, !parts.contains(".."), !parts.contains(".") else {
            throw FileError(path: display(name), operation: .open, message: "not a name inside the ledger folder")
        }
        var current = descriptor
        for part in parts.dropLast() {
            let next = openat(current, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let code = errno
            if current != descriptor { close(current) }
            guard next >= 0 else { throw failure(part, .open, code) }
            current = next
        }
        return (current, last)
    }

    private func failure(_ name: String, _ operation: FileError.Operation, _ code: Int32) -> FileError {
        switch code {
        case ELOOP, ENOTDIR:
            return FileError(path: display(name), operation: operation,
                             message: "it is a symbolic link or not a folder; a ledger folder holds no links (one may have been planted to make the ledger write elsewhere): remove it")
        case ENXIO:
            return FileError(path: display(name), operation: operation, message: "it is a FIFO or a device, not a regular file: remove it")
        default:
            return FileError(path: display(name), operation: operation, errno: code)
        }
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    static func directoryPart(_ name: String) -> String {
        guard let slash = name.lastIndex(of: "/") else { return "" }
        return String(name[..<slash])
    }

    static func lastPart(_ name: String) -> String {
        guard let slash = name.lastIndex(of: "/") else { return name }
        return String(name[name.index(after: slash)...])
    }
}

/// A temporary file created in a ledger folder, open for writing; closed when it goes away.
final class TemporaryFile {
    /// The open file.
    let file: RawFile
    /// Its name inside the folder.
    let name: String

    init(file: consuming RawFile, name: String) {
        self.file = file
        self.name = name
    }
}
