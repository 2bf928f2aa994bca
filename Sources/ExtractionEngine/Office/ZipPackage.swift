import Extraction
import Foundation
import ZIPFoundation

/// The parts of a DOCX or ODT archive, read through ZIPFoundation within a budget of
/// unpacked bytes (a small archive can unpack to gigabytes), whatever sizes its headers claim.
struct ZipPackage {
    private let archive: Archive
    private var budget: Int
    private let limit: Int

    init(bytes: [UInt8], unzippedLimit: Int) throws(ExtractionFailure) {
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw ExtractionFailure(.damaged, "not a readable ZIP archive")
        }
        budget = unzippedLimit
        limit = unzippedLimit
    }

    /// The bytes of the part at `path`, nil when the archive has none.
    mutating func read(_ path: String) throws(ExtractionFailure) -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        var bytes: [UInt8] = []
        var remaining = budget
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { chunk in
                remaining -= chunk.count
                if remaining < 0 { throw Overrun() }
                bytes.append(contentsOf: chunk)
            }
        } catch is Overrun {
            throw ExtractionFailure(.limitExceeded, "the archive unpacks to more than \(TextBuilder.describe(limit)) (the unpacking limit)")
        } catch {
            throw ExtractionFailure(.damaged, "the part \(path) cannot be unpacked")
        }
        budget = remaining
        return bytes
    }

    private struct Overrun: Error {}
}
