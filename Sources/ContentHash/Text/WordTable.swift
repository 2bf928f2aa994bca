#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process-wide table of L3 words: every case-folded word gets a small integer id, so
/// matching compares integers, and each word's match key (see ``ExcerptQuery``) is computed
/// once, lazily, with ICU (the skeleton is the slow part).
final class WordTable: @unchecked Sendable {
    // @unchecked: every stored property is only touched with `mutex` held.
    static let shared = WordTable()

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var ids: [String: Int32] = [:]
    private var words: [String] = []
    private var keyOfWord: [Int32] = []
    private var keyIDs: [String: Int32] = [:]
    private var keys: [String] = []
    /// ``IndexKeys/hash(_:)`` of each key, computed once when the key is interned.
    private var keyHashes: [UInt64] = []
    private var skeletons: [String: String] = [:]
    /// The look-alike key id of each word (spelled as folded), or -1 until computed.
    private var lookAlikeOfWord: [Int32] = []
    /// The look-alike key id of spellings that are not their folded word (capitals).
    private var lookAlikeOfSpelling: [String: Int32] = [:]

    private init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// Ids for folded words, adding the new ones.
    func intern(_ folded: [String]) -> [Int32] {
        locked {
            folded.map { word in
                if let id = ids[word] { return id }
                let id = Int32(words.count)
                ids[word] = id
                words.append(word)
                keyOfWord.append(-1)
                lookAlikeOfWord.append(-1)
                return id
            }
        }
    }

    /// Ids of folded words already known; nil for a word no registered text has.
    func lookup(_ folded: [String]) -> [Int32?] {
        locked { folded.map { ids[$0] } }
    }

    /// The folded word of an id.
    func word(_ id: Int32) -> String { locked { words[Int(id)] } }

    /// Match-key ids of word ids, computing missing keys.
    func keyIDs(of wordIDs: [Int32]) -> [Int32] {
        locked {
            wordIDs.map { id in
                if id < 0 { return -1 }
                let k = keyOfWord[Int(id)]
                if k >= 0 { return k }
                let key = WordTable.matchKey(folded: words[Int(id)], skeleton: cachedSkeleton)
                let kid = internKey(key)
                keyOfWord[Int(id)] = kid
                return kid
            }
        }
    }

    /// The match key of a folded word (not stored).
    func matchKey(folded: String) -> String {
        locked { WordTable.matchKey(folded: folded, skeleton: cachedSkeleton) }
    }

    /// The id of a match key, adding it (document keys are computed lazily, so an excerpt's
    /// key may be new even when a registered word has it).
    func keyID(_ key: String) -> Int32 { locked { internKey(key) } }

    /// Look-alike key ids (``lookAlikeKey(l2:skeleton:)``) of words given by id, or, where
    /// `spellings` has one for that position, by their L2 spelling (a word with capitals);
    /// -1 for a word unknown to the table with no spelling given.
    func lookAlikeKeyIDs(of wordIDs: [Int32], spellings: [Int: String]) -> [Int32] {
        locked {
            wordIDs.enumerated().map { position, id in
                if let spelling = spellings[position] {
                    if let k = lookAlikeOfSpelling[spelling] { return k }
                    let k = internKey(WordTable.lookAlikeKey(l2: spelling, skeleton: cachedSkeleton))
                    if lookAlikeOfSpelling.count > 500_000 { lookAlikeOfSpelling.removeAll(keepingCapacity: true) }
                    lookAlikeOfSpelling[spelling] = k
                    return k
                }
                if id < 0 { return -1 }
                let k = lookAlikeOfWord[Int(id)]
                if k >= 0 { return k }
                let kid = internKey(WordTable.lookAlikeKey(l2: words[Int(id)], skeleton: cachedSkeleton))
                lookAlikeOfWord[Int(id)] = kid
                return kid
            }
        }
    }

    /// The look-alike key of a word as spelled at L2 (not stored).
    func lookAlikeKey(l2: String) -> String {
        locked { WordTable.lookAlikeKey(l2: l2, skeleton: cachedSkeleton) }
    }

    /// The key string of a key id.
    func key(_ id: Int32) -> String { locked { keys[Int(id)] } }

    /// The index hashes of key ids, under one lock.
    func hashes(ofKeys ids: [Int32]) -> [UInt64] { locked { ids.map { keyHashes[Int($0)] } } }

    /// UTS #39 skeleton, cached per distinct string.
    func skeleton(_ text: String) -> String { locked { cachedSkeleton(text) } }

    private func internKey(_ key: String) -> Int32 {
        if let id = keyIDs[key] { return id }
        let id = Int32(keys.count)
        keyIDs[key] = id
        keys.append(key)
        keyHashes.append(IndexKeys.hash(key))
        return id
    }

    private func cachedSkeleton(_ text: String) -> String {
        if let s = skeletons[text] { return s }
        let s = WordTable.fastSkeleton(text) ?? Confusables.skeleton(text)
        if skeletons.count > 500_000 { skeletons.removeAll(keepingCapacity: true) }
        skeletons[text] = s
        return s
    }

    /// The key: marks removed, UTS #39 skeleton, marks removed again. Words that are equal
    /// after folding, or after removing diacritics, share it; so do words whose folded forms
    /// are look-alikes.
    static func matchKey(folded: String, skeleton: (String) -> String) -> String {
        ICU.stripMarks(skeleton(ICU.stripMarks(folded)))
    }

    /// The look-alike key: the UTS #39 skeleton of the word as spelled at L2, before case
    /// folding (as the spec computes look-alikes), then folded and keyed as ``matchKey``.
    /// Words that are look-alikes only with their capitals (`0UTER` and `OUTER`: the digit
    /// zero is a look-alike of the capital O, not of `o`) share this key, not the match key.
    static func lookAlikeKey(l2: String, skeleton: (String) -> String) -> String {
        matchKey(folded: ICU.fold(skeleton(l2)), skeleton: skeleton)
    }

    /// Skeletons of the ASCII scalars, so ASCII words need no ICU call.
    private static let asciiSkeletons: [String] = (0..<128).map { Confusables.skeleton(String(UnicodeScalar(UInt8($0)))) }
    private static let asciiSkeletonsAreASCII = asciiSkeletons.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }

    private static func fastSkeleton(_ text: String) -> String? {
        guard asciiSkeletonsAreASCII, text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var out = ""
        for b in text.utf8 { out += asciiSkeletons[Int(b)] }
        return out
    }
}
