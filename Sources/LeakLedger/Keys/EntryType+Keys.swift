extension EntryType {
    /// A signing key joined the ledger's current keys (body: `verifier_key`). Its commit's
    /// checkpoint is the first signed by the new key, which proves its keeper holds it.
    public static let keyAdded = EntryType(rawValue: "key.added")
    /// A signing key left the current keys (body: `verifier_key`, `reason`?). Checkpoints of
    /// the tree sizes before this entry's commit stay valid under it; later ones do not.
    public static let keyRetired = EntryType(rawValue: "key.retired")
}
