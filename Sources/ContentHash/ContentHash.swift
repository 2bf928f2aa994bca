// ContentHash: the content side of LeakLedger. SHA-256 and Ed25519 through OpenSSL, text
// decoding and the L1/L2/L3 layers of spec/excerpt-verification.md, and excerpt grading.
