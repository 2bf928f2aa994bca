// LeakLedger: the record side.
@_exported import ContentHash
