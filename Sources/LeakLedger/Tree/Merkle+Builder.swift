// A tree grown leaf by leaf: how a reader verifies a stretch of the log in one pass, and how a
// writer computes the stored hashes of new entries.

extension Merkle {
    /// The perfect subtrees of a tree of `size` leaves, left to right: one per set bit of `size`,
    /// the largest first. The tree head folds them from the right (RFC 9162 §2.1.1), and a
    /// larger tree that extends this one is built on exactly these subtrees (RFC 9162 §2.1.4).
    public struct Builder: Sendable {
        /// The number of leaves so far.
        public private(set) var size: Int
        /// The perfect subtrees, largest (leftmost) first; levels strictly decrease.
        private var stack: [(hash: SHA256Digest, level: Int)]

        /// An empty tree.
        public init() {
            size = 0
            stack = []
        }

        /// The tree of the first `size` leaves, from their stored hashes (O(log size) reads).
        /// Nothing here is trusted: compare ``root()`` with a signed root before building on it.
        public init<E: Error>(size: Int, reader: (Int) throws(E) -> SHA256Digest) throws(E) {
            precondition(size >= 0, "Merkle.Builder: negative size")
            self.size = size
            stack = []
            var lo = 0
            for level in stride(from: Int.bitWidth - 2, through: 0, by: -1) where size & (1 << level) != 0 {
                stack.append((try reader(storedHashIndex(level: level, n: lo >> level)), level))
                lo += 1 << level
            }
        }

        /// Adds a leaf; returns the hashes storage gains for it (its leaf hash, then one per
        /// perfect subtree it completes), in the order `log/hashes` holds them.
        @discardableResult
        public mutating func append(leafHash: SHA256Digest, hasher: inout Hasher) -> [SHA256Digest] {
            var produced = [leafHash]
            var hash = leafHash
            var level = 0
            while let last = stack.last, last.level == level {
                stack.removeLast()
                hash = hasher.nodeHash(last.hash, hash)
                produced.append(hash)
                level += 1
            }
            stack.append((hash, level))
            size += 1
            return produced
        }

        /// The tree head (MTH) of the leaves so far.
        public func root(hasher: inout Hasher) -> SHA256Digest {
            guard var hash = stack.last?.hash else { return emptyRoot }
            for part in stack.dropLast().reversed() { hash = hasher.nodeHash(part.hash, hash) }
            return hash
        }

        /// The tree head, with a hasher of its own.
        public func root() -> SHA256Digest {
            var hasher = Hasher()
            return root(hasher: &hasher)
        }
    }
}
