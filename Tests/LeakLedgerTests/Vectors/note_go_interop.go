// Independent check of LeakLedger's formats with Go's golang.org/x/mod/sumdb/note and
// sumdb/tlog (Debian: golang-golang-x-mod-dev), run by TreeGoInteropTests.
//
// usage: GO111MODULE=off GOPATH=/usr/share/gocode go run note_go_interop.go VKEY DIR
//
// DIR holds: checkpoint (a signed note), entries.jsonl (one entry per line), and optionally
// hashes (stored hashes, 32 bytes each, tlog order) and receipt (a c2sp.org/tlog-proof@v1).
// Prints one JSON object: whether note.Open accepted the checkpoint, whether tlog.TreeHash
// over tlog.StoredHashes of the entries gives its root, whether the hashes file is tlog's
// storage byte for byte, tlog.CheckRecord on the receipt, and tlog's own record and tree
// proofs (for comparison with LeakLedger's). Exits 1 with a message on the first failure.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func b64(hashes []tlog.Hash) []string {
	out := []string{}
	for _, h := range hashes {
		out = append(out, base64.StdEncoding.EncodeToString(h[:]))
	}
	return out
}

func main() {
	verifier, err := note.NewVerifier(os.Args[1])
	if err != nil {
		fail("verifier key: %v", err)
	}
	dir := os.Args[2]
	msg, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
	if err != nil {
		fail("%v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("note.Open: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("size: %v", err)
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("root: %v", err)
	}

	data, err := os.ReadFile(filepath.Join(dir, "entries.jsonl"))
	if err != nil {
		fail("%v", err)
	}
	entries := bytes.Split(data, []byte("\n"))
	var storage []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, index := range indexes {
			out[i] = storage[index]
		}
		return out, nil
	})
	for i := int64(0); i < size; i++ {
		hashes, err := tlog.StoredHashes(i, entries[i], reader)
		if err != nil {
			fail("StoredHashes: %v", err)
		}
		storage = append(storage, hashes...)
	}
	treeHash, err := tlog.TreeHash(size, reader)
	if err != nil {
		fail("TreeHash: %v", err)
	}
	if size > 0 && treeHash != root {
		fail("tlog.TreeHash %v differs from the checkpoint's root %v", treeHash, root)
	}
	result := map[string]interface{}{"note_open": true, "tree_hash_matches": true, "size": size,
		"stored_hash_count": tlog.StoredHashCount(size)}

	if stored, err := os.ReadFile(filepath.Join(dir, "hashes")); err == nil {
		var want bytes.Buffer
		for _, h := range storage {
			want.Write(h[:])
		}
		result["hashes_file_matches"] = bytes.Equal(stored[:want.Len()], want.Bytes())
	}

	if receipt, err := os.ReadFile(filepath.Join(dir, "receipt")); err == nil {
		lines := strings.Split(string(receipt), "\n")
		extra, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(lines[1], "extra "))
		if err != nil {
			fail("extra: %v", err)
		}
		index, err := strconv.ParseInt(strings.TrimPrefix(lines[2], "index "), 10, 64)
		if err != nil {
			fail("index: %v", err)
		}
		var proof tlog.RecordProof
		for _, line := range lines[3:] {
			if line == "" {
				break
			}
			h, err := tlog.ParseHash(line)
			if err != nil {
				fail("proof: %v", err)
			}
			proof = append(proof, h)
		}
		if err := tlog.CheckRecord(proof, size, root, index, tlog.RecordHash(extra)); err != nil {
			fail("tlog.CheckRecord: %v", err)
		}
		result["receipt_checks"] = true
	}

	var recordProofs, treeProofs [][]string
	for i := int64(0); i < size; i++ {
		p, err := tlog.ProveRecord(size, i, reader)
		if err != nil {
			fail("ProveRecord: %v", err)
		}
		recordProofs = append(recordProofs, b64(p))
	}
	for m := int64(1); m < size; m++ {
		p, err := tlog.ProveTree(size, m, reader)
		if err != nil {
			fail("ProveTree: %v", err)
		}
		treeProofs = append(treeProofs, b64(p))
	}
	result["record_proofs"] = recordProofs
	result["tree_proofs"] = treeProofs
	out, _ := json.Marshal(result)
	fmt.Println(string(out))
}
