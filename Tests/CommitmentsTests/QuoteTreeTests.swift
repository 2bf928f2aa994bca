import Foundation
import Testing
@testable import Commitments
import LeakLedger

/// The tree and the range walk (quote-proof.md, sections 1 and 2).
@Suite struct QuoteTreeTests {
    static func leaves(_ n: Int) -> [SHA256Digest] {
        (0..<n).map { SHA256.hash("leaf \($0)") }
    }

    /// The root over given leaf hashes is the one LeakLedger's log tree computes (its own code,
    /// checked against Go's sumdb), for every size up to 70 and a few larger ones.
    @Test(arguments: Array(1...70) + [127, 128, 129, 1000])
    func rootAgreesWithLogTree(_ n: Int) {
        let leaves = Self.leaves(n)
        #expect(QuoteTree(leafHashes: leaves).root == Merkle.root(of: leaves))
    }

    /// Every range of every tree up to 33 leaves: the proof verifies, uses the spec's RANGE
    /// hash list exactly, and no more than 2 log2 N hashes.
    @Test func everySingleRange() throws {
        for n in 1...33 {
            let leaves = Self.leaves(n)
            let tree = QuoteTree(leafHashes: leaves)
            let root = try #require(tree.root)
            for a in 0..<n {
                for b in (a + 1)...n {
                    let hashes = try tree.rangeHashes(revealing: [a..<b])
                    #expect(hashes == Self.specRange(leaves, a, b), "n \(n) range \(a)..<\(b)")
                    #expect(Double(hashes.count) <= 2 * (log2(Double(n)) + 1))
                    #expect(Self.walk(n, [a..<b], leaves, hashes) == root)
                }
            }
        }
    }

    /// Several ranges (this project's extension) verify; one range gives the spec's list.
    @Test func severalRanges() throws {
        var generator = SystemRandomNumberGenerator()
        for n in [3, 7, 16, 33, 100] {
            let leaves = Self.leaves(n)
            let tree = QuoteTree(leafHashes: leaves)
            for _ in 0..<50 {
                var ranges: [Range<Int>] = []
                var next = Int.random(in: 0..<n, using: &generator)
                while next < n, ranges.count < 4 {
                    let end = min(n, next + Int.random(in: 1...4, using: &generator))
                    ranges.append(next..<end)
                    next = end + Int.random(in: 1...5, using: &generator)
                }
                let hashes = try tree.rangeHashes(revealing: ranges)
                #expect(Self.walk(n, ranges, leaves, hashes) == tree.root, "n \(n) ranges \(ranges)")
            }
        }
    }

    /// Ranges a proof may not reveal: none, empty, outside, out of order, touching.
    @Test(arguments: [[], [3..<3], [0..<11], [-1..<2], [5..<6, 2..<3], [2..<4, 4..<6], [2..<5, 3..<7]] as [[Range<Int>]])
    func refusedRanges(_ ranges: [Range<Int>]) {
        let tree = QuoteTree(leafHashes: Self.leaves(10))
        #expect(throws: CommitmentError.self) { try tree.rangeHashes(revealing: ranges) }
        do { _ = try tree.rangeHashes(revealing: ranges) } catch { #expect(error.failedCheck == .bounds) }
    }

    /// The spec's RANGE(0, N), written as the spec's pseudo-code, recursion and all.
    static func specRange(_ leaves: [SHA256Digest], _ a: Int, _ b: Int) -> [SHA256Digest] {
        var out: [SHA256Digest] = []
        func mth(_ lo: Int, _ hi: Int) -> SHA256Digest {
            if hi - lo == 1 { return leaves[lo] }
            var k = 1
            while k * 2 < hi - lo { k *= 2 }
            return Merkle.nodeHash(mth(lo, lo + k), mth(lo + k, hi))
        }
        func range(_ lo: Int, _ hi: Int) {
            if b <= lo || hi <= a { out.append(mth(lo, hi)); return }
            if a <= lo && hi <= b { return }
            var k = 1
            while k * 2 < hi - lo { k *= 2 }
            range(lo, lo + k)
            range(lo + k, hi)
        }
        range(0, leaves.count)
        return out
    }

    /// The verifier's walk over given leaves (as the revealed words would give them).
    static func walk(_ n: Int, _ ranges: [Range<Int>], _ leaves: [SHA256Digest], _ hashes: [SHA256Digest]) -> SHA256Digest? {
        var next = 0
        func walk(_ lo: Int, _ hi: Int) -> SHA256Digest? {
            let outside = ranges.allSatisfy { $0.upperBound <= lo || hi <= $0.lowerBound }
            if outside {
                guard next < hashes.count else { return nil }
                next += 1
                return hashes[next - 1]
            }
            if ranges.contains(where: { $0.lowerBound <= lo && hi <= $0.upperBound }) {
                return Merkle.root(of: Array(leaves[lo..<hi]))
            }
            var k = 1
            while k * 2 < hi - lo { k *= 2 }
            guard let l = walk(lo, lo + k), let r = walk(lo + k, hi) else { return nil }
            return Merkle.nodeHash(l, r)
        }
        let root = walk(0, n)
        return next == hashes.count ? root : nil
    }
}
