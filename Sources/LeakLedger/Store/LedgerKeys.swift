#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a ledger's private key lives and how it is stored: outside the ledger folder, in the Go
/// signed-note private key format (`PRIVATE+KEY+name+hexid+base64(0x01 ‖ seed)`), mode 0600.
public enum LedgerKeys {
    /// The default key file for `origin`: `$XDG_CONFIG_HOME/leakledger/keys/<origin>.key`
    /// (else `~/.config/...`), with every `/` in the origin replaced by `_`.
    public static func defaultPath(origin: String, environment: [String: String]) -> String {
        let config: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            config = xdg
        } else {
            config = (environment["HOME"] ?? homeDirectory()) + "/.config"
        }
        let name = String(origin.map { $0 == "/" ? "_" : $0 })
        return config + "/leakledger/keys/" + name + ".key"
    }

    /// The most read from a key file: a key is about a hundred bytes.
    static let maxKeyFileBytes = 1 << 16

    /// Reads a private key file. A missing file is `noKey`; a FIFO or a device is refused
    /// unread (`missing`); a file that is not a key, or over ``maxKeyFileBytes``, is `malformed`.
    public static func read(at path: String) throws(LedgerError) -> NoteSigner {
        let bytes: [UInt8]
        do { bytes = try InputFile(path: path).read(limit: maxKeyFileBytes) } catch {
            if error.isMissing { throw LedgerError(.noKey, "no private key at \(path): pass --key FILE or set $LEAKLEDGER_KEY") }
            throw LedgerError(error)
        }
        var text = String(decoding: bytes, as: UTF8.self)
        while text.last?.isWhitespace == true { text.removeLast() }
        return try signer(fromText: text, source: path)
    }

    /// True unless the file at `path` can be read or written by its group or by others (the key
    /// should be mode 0600, like an SSH key).
    public static func isPrivate(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return true }
        return info.st_mode & 0o077 == 0
    }

    /// Parses key text, naming its source in the error.
    public static func signer(fromText text: String, source: String) throws(LedgerError) -> NoteSigner {
        do { return try NoteSigner(privateKeyText: text) } catch {
            throw LedgerError.malformed("\(source) does not hold a signed-note private key (PRIVATE+KEY+...)")
        }
    }

    /// Writes a new key file (mode 0600, folders 0700); an existing file is never replaced.
    public static func write(_ signer: NoteSigner, to path: String) throws(LedgerError) {
        do {
            try FileSystem.makeDirectories(FileSystem.directoryName(path), mode: 0o700)
            let file = try RawFile(path: path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
            try file.write(Array((signer.privateKeyText + "\n").utf8), at: 0)
            try file.sync()
        } catch {
            if error.errno == EEXIST {
                throw LedgerError(.cannotCreate, "a key already exists at \(path); pass --key \(path) to use it, or choose another origin")
            }
            throw LedgerError(error)
        }
        try? FileSystem.syncDirectory(FileSystem.directoryName(path))
    }

    private static func homeDirectory() -> String {
        if let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "."
    }
}
