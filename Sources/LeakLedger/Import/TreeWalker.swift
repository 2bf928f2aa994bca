#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regular files of folder trees, in a stable order (names sorted within each folder),
/// one at a time: memory follows the depth and width of the tree, never the number of files.
/// Hidden names (starting with `.`), symbolic links and special files are skipped and counted;
/// a link is never followed.
struct TreeWalker: IteratorProtocol {
    /// A file to register: its path, its path relative to the root it was found under, its size.
    struct File: Sendable {
        var path: String
        var relative: String
        var size: Int
    }

    /// What was skipped.
    struct Skipped: Sendable {
        var hidden = 0
        var links = 0
        var special = 0
    }

    private var roots: [String]
    /// Folders being walked: path, relative prefix, sorted names, next index.
    private var stack: [(path: String, relative: String, names: [String], next: Int)] = []
    private(set) var skipped = Skipped()
    /// Folders that could not be read, with the reason.
    private(set) var unreadable: [(path: String, reason: String)] = []

    /// A walk of `roots` (folders), in order.
    init(roots: [String]) {
        self.roots = roots.reversed()
    }

    mutating func next() -> File? {
        while true {
            if stack.isEmpty {
                guard let root = roots.popLast() else { return nil }
                var trimmed = root
                while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
                push(trimmed, relative: "")
                continue
            }
            let top = stack.count - 1
            guard stack[top].next < stack[top].names.count else {
                stack.removeLast()
                continue
            }
            let name = stack[top].names[stack[top].next]
            stack[top].next += 1
            if name.hasPrefix(".") {
                skipped.hidden += 1
                continue
            }
            let path = stack[top].path + "/" + name
            let relative = stack[top].relative.isEmpty ? name : stack[top].relative + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                unreadable.append((path, String(cString: strerror(errno))))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                return File(path: path, relative: relative, size: Int(info.st_size))
            case S_IFDIR:
                push(path, relative: relative)
            case S_IFLNK:
                skipped.links += 1
            default:
                skipped.special += 1
            }
        }
    }

    private mutating func push(_ path: String, relative: String) {
        guard let directory = opendir(path) else {
            unreadable.append((path, String(cString: strerror(errno))))
            return
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        stack.append((path, relative, names.sorted(), 0))
    }

    /// How many files and bytes the trees hold (a first walk, for a progress bar's totals).
    static func totals(_ roots: [String]) -> (files: Int, bytes: Int) {
        var walker = TreeWalker(roots: roots)
        var files = 0, bytes = 0
        while let file = walker.next() {
            files += 1
            bytes += file.size
        }
        return (files, bytes)
    }
}
