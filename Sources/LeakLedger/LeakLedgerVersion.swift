/// The version of this LeakLedger (the library and the `leakledger` command).
public enum LeakLedgerVersion {
    /// Semantic version, as `leakledger --version` prints it.
    public static let current = "0.4.0"
}
