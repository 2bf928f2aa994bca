import Foundation
import Testing

/// An independent implementation (Python: hashlib and `cryptography`) verifies the checkpoint
/// against ledger.json's verifier key and recomputes the same RFC 9162 root from the entries.
@Suite struct InteropTests {
    static let verifier = #"""
    import base64, hashlib, json, sys
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    folder = sys.argv[1]
    identity = json.load(open(folder + "/ledger.json"))
    name, keyhex, keyb64 = identity["verifier_keys"][0].split("+", 2)
    key = base64.b64decode(keyb64)
    assert key[0] == 1
    assert hashlib.sha256(name.encode() + b"\n" + key).digest()[:4].hex() == keyhex
    note = open(folder + "/checkpoint", "rb").read().decode()
    text, sigs = note.split("\n\n", 1)
    text += "\n"
    line = sigs.splitlines()[0]
    assert line.startswith("\u2014 " + name + " ")
    sig = base64.b64decode(line.split(" ")[2])
    assert sig[:4].hex() == keyhex
    Ed25519PublicKey.from_public_bytes(key[1:]).verify(sig[4:], text.encode())
    origin, size, root = text.splitlines()[:3]
    size = int(size)
    lines = open(folder + "/log/entries.jsonl", "rb").read().split(b"\n")[:size]
    def mth(leaves):
        if len(leaves) == 1:
            return hashlib.sha256(b"\x00" + leaves[0]).digest()
        k = 1
        while k * 2 < len(leaves):
            k *= 2
        return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()
    assert base64.b64decode(root) == mth(lines), "root differs"
    for i, l in enumerate(lines):
        assert json.loads(l)["seq"] == i
    print(origin, size, root)
    """#

    @Test func pythonVerifiesCheckpointAndRoot() throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/interop"]).status == 0)
        try sandbox.write("a.txt", text: "fictional a")
        try sandbox.write("b.bin", [0, 1, 2, 3, 255])
        try #require(try sandbox.run(["register", "a.txt", "b.bin", "--ledger", "L"]).status == 0)
        for index in 0..<4 {
            try #require(try sandbox.run(["register", "--excerpts-only", "--id", "d\(index)", "--title", "T\(index)",
                                          "--excerpt", "fictional ’quote’ \(index)”. .”", "--ledger", "L"]).status == 0)
        }
        let script = try sandbox.write("verify.py", text: Self.verifier)
        let run = try Sandbox.runProgram("/usr/bin/env", ["python3", script, sandbox.path("L")])
        #expect(run.status == 0, "\(run)")
        let checkpoint = try sandbox.run(["checkpoint", "--ledger", "L", "--json"]).json()
        #expect(run.stdout.hasPrefix("test.example/interop 11 "))
        #expect(checkpoint["size"] as? Int == 11)
    }
}
