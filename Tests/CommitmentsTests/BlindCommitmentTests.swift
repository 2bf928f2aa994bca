import Testing
@testable import Commitments
import LeakLedger

/// Blind registration: commitments in place of fingerprints, opened member by member.
@Suite struct BlindCommitmentTests {
    static let sha = TextFingerprint.textSHA256(ofL1: Fixtures.memo).hex
    static let withheld = ["sha256": String(repeating: "ab", count: 32), "text_sha256": sha, "bytes": "1234", "title": "Harbour memo"]

    /// The definition, by hand: k_f from the blind secret, C_f under k_f.
    @Test func definition() {
        let secret = DocumentSecret()
        let key = HMACSHA256.authenticationCode(for: Array("leakledger/blind-key/v1".utf8) + [0] + Array("sha256".utf8), key: secret.bytes)
        #expect(BlindCommitment.fieldKey("sha256", secret: secret) == key)
        let message = Array("leakledger/blind/v1".utf8) + [0] + Array("sha256".utf8) + [0] + Array(Self.withheld["sha256"]!.utf8)
        #expect(BlindCommitment.commitment(field: "sha256", value: Self.withheld["sha256"]!, secret: secret)
                == HMACSHA256.authenticationCode(for: message, key: key))
    }

    /// What check does with a reveal: every member opens; one changed byte anywhere fails.
    @Test func openings() throws {
        let secret = DocumentSecret()
        let committed = BlindCommitment.commitments(Self.withheld, secret: secret)
        let keys = BlindCommitment.openingKeys(Self.withheld.keys, secret: secret)
        let all = Dictionary(uniqueKeysWithValues: Self.withheld.map { ($0.key, (value: $0.value, key: keys[$0.key]!)) })
        try BlindCommitment.verifyOpenings(committed: committed, revealed: all)
        // One member alone opens too: its key opens nothing else.
        try BlindCommitment.verifyOpenings(committed: committed, revealed: ["text_sha256": all["text_sha256"]!])
        func fails(_ revealed: [String: (value: String, key: String)], _ committed: [String: String] = committed) {
            do {
                try BlindCommitment.verifyOpenings(committed: committed, revealed: revealed)
                Issue.record("an opening that should fail verified")
            } catch {
                #expect(error.failedCheck == .opening)
            }
        }
        fails(["sha256": (String(repeating: "ab", count: 31) + "ac", keys["sha256"]!)])       // another value
        fails(["sha256": (Self.withheld["sha256"]!, keys["text_sha256"]!)])                  // another member's key
        fails(["sha256": (Self.withheld["sha256"]!, String(repeating: "0", count: 64))])     // another key
        fails(["sha256": (Self.withheld["sha256"]!, "zz")])                                  // not hex
        fails(["title": (Self.withheld["title"]!, keys["title"]!)], ["sha256": committed["sha256"]!])  // not withheld
        fails([:])
        // A commitment moved to another member does not open as that member.
        fails(["bytes": (Self.withheld["bytes"]!, keys["bytes"]!)], ["bytes": committed["title"]!])
    }

    /// Without the key, the commitment is not the fingerprint, nor any hash of it a reader
    /// could compute; the same value under two documents' secrets gives unrelated commitments.
    @Test func hiding() {
        let a = BlindCommitment.commitments(Self.withheld, secret: DocumentSecret())
        let b = BlindCommitment.commitments(Self.withheld, secret: DocumentSecret())
        for field in Self.withheld.keys {
            #expect(a[field] != b[field])
            #expect(a[field] != Self.withheld[field])
            #expect(a[field] != SHA256.hash(Self.withheld[field]!).hex)
        }
    }
}
