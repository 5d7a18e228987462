package central

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"reflect"
	"testing"

	"loket/store"
)

// gzipped compresses b as an office's client would send it.
func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameBatch compares two batches, a record's missing data and JSON null
// being the same (EncodeBatch writes the one as the other).
func sameBatch(a, b *Batch) bool {
	norm := func(x *Batch) Batch {
		y := *x
		if x.Records != nil {
			y.Records = make([]store.SyncRecord, len(x.Records))
			for i, r := range x.Records {
				if len(r.Data) == 0 {
					r.Data = json.RawMessage("null")
				}
				y.Records[i] = r
			}
		}
		return y
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

// FuzzDecodeBatch feeds the centre's batch decoder what the network could
// bring: the raw body (gzip or not) and the same bytes gzipped, so the
// JSON decoder is reached too. It must never panic; a batch it accepts
// must come back the same through EncodeBatch and DecodeBatch, so the
// hand-written encoder writes whatever the centre can read.
func FuzzDecodeBatch(f *testing.F) {
	for _, b := range []*Batch{
		{ID: "b1", Office: "KPPN019", After: 0, To: 2, Records: []store.SyncRecord{
			{Table: "events", ID: "KPPN019-0193a", Version: 1, UpdatedAt: "2026-11-23T02:00:00.000Z",
				Data: json.RawMessage(`{"kind":"ticket.issued","data":"{\"number\":\"A001\"}"}`)},
			{Table: "visitors", ID: `id "kutip" \ <&>`, Version: 2, Data: json.RawMessage(`{"nama":"Siti – Riau ✓"}`)}}},
		{ID: "kosong", Office: "KPPN019", After: 7, To: 7, Records: []store.SyncRecord{}},
		{ID: "nil", Office: "KPPN019", Lineage: &store.Lineage{}},
	} {
		var buf bytes.Buffer
		if err := EncodeBatch(&buf, b); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
		raw, err := json.Marshal(b)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte(`{"id":"x","records":[{"t":"events","id":"1","v":1,"d":}]}`))
	f.Add([]byte(`{"id":"x","records":[{"d":null},{"d":"teks"},{"d":[1,2]}],"lineage":null}`))
	f.Add([]byte(`{"id":"\ud800","office":"\u0000","after":-1,"to":9223372036854775807}`))
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, in := range [][]byte{body, gzipped(t, body)} {
			b, err := DecodeBatch(bytes.NewReader(in))
			if err != nil {
				if b != nil {
					t.Fatalf("an error (%v) and a batch", err)
				}
				continue
			}
			var buf bytes.Buffer
			if err := EncodeBatch(&buf, b); err != nil {
				t.Fatalf("encoding an accepted batch: %v", err)
			}
			again, err := DecodeBatch(&buf)
			if err != nil {
				t.Fatalf("the centre cannot read what EncodeBatch wrote of %+v: %v", b, err)
			}
			if !sameBatch(b, again) {
				t.Fatalf("round trip changed the batch:\n%+v\n%+v", b, again)
			}
		}
	})
}
