import LeakLedger
print("leakledger")
