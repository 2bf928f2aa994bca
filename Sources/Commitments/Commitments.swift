// Commitments: what a ledger entry can promise about a document without showing it. Salted
// word commitments and range proofs of quotes (spec/quote-proof.md), blind fingerprints
// (HMAC commitments opened later), and the keeper's store of the secrets behind them.
