import Foundation

/// The known answers of `Vectors/note_vectors.json`: made by `Vectors/note_vectors.py` with
/// Python's `cryptography`, plus the published example of Go's `sumdb/note`.
struct NoteVectors: Decodable {
    struct Key: Decodable { let name: String; let seed: String; let key_id: String; let verifier_key: String; let private_key: String }
    struct CheckpointVector: Decodable { let origin: String; let size: Int; let root: String; let text: String }
    struct Cosignature: Decodable { let time: UInt64; let line: String }
    struct Go: Decodable {
        let verifier_key: String
        let private_key: String
        let text: String
        let signature_line: String
        let enoch_verifier_key: String
        let enoch_signature_line: String
    }

    let log: Key
    let checkpoint: CheckpointVector
    let signed_checkpoint: String
    let witness: Key
    let cosignature: Cosignature
    let cosigned_checkpoint: String
    let go: Go

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    static let shared: NoteVectors = {
        let url = folder.appendingPathComponent("note_vectors.json")
        do {
            return try JSONDecoder().decode(NoteVectors.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}
