package central

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"reflect"
	"testing"

	"loket/store"
)

// The hand-written batch encoder produces what encoding/json would: the
// same document once decoded, for ids and rows with quotes, backslashes,
// control characters, HTML characters and non-ASCII text, an empty row
// and an empty batch.
func TestEncodeBatchMatchesEncodingJSON(t *testing.T) {
	batches := []*Batch{
		{ID: "b1", Office: "KPPN019", After: 0, To: 3, Records: []store.SyncRecord{
			{Table: "events", ID: "KPPN019-0193a", Version: 1, UpdatedAt: "2026-11-23T02:00:00.000Z",
				Data: json.RawMessage(`{"kind":"ticket.issued","data":"{\"number\":\"A001\"}","n":1.5,"x":null}`)},
			{Table: "visitors", ID: `id "quoted" \ back`, Version: 2,
				Data: json.RawMessage(`{"name":"Siti <Rahmawati> & Co","note":"baris\nbaru\ttab","kota":"Pekanbaru – Riau ✓"}`)},
			{Table: "satkers", ID: "Ünïcode\u0001", Version: 3, UpdatedAt: "<&>"},
		}},
		{ID: "kosong", Office: "KPPN019", After: 7, To: 7, Records: []store.SyncRecord{}},
		{ID: "nil", Office: "KPPN019"},
	}
	for _, b := range batches {
		var hand bytes.Buffer
		if err := EncodeBatch(&hand, b); err != nil {
			t.Fatal(err)
		}
		got, err := DecodeBatch(bytes.NewReader(hand.Bytes()))
		if err != nil {
			t.Fatalf("%s: %v", b.ID, err)
		}
		ref, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		var want Batch
		if err := json.Unmarshal(ref, &want); err != nil {
			t.Fatal(err)
		}
		if got.ID != want.ID || got.Office != want.Office || got.After != want.After || got.To != want.To ||
			(got.Records == nil) != (want.Records == nil) || len(got.Records) != len(want.Records) {
			t.Fatalf("%s: header %+v, want %+v", b.ID, got, want)
		}
		for i := range want.Records {
			g, w := got.Records[i], want.Records[i]
			var gd, wd any
			_ = json.Unmarshal(g.Data, &gd)
			_ = json.Unmarshal(w.Data, &wd)
			if g.Table != w.Table || g.ID != w.ID || g.Version != w.Version || g.UpdatedAt != w.UpdatedAt || !reflect.DeepEqual(gd, wd) {
				t.Errorf("%s record %d: %+v, want %+v", b.ID, i, g, w)
			}
		}
		// It is one JSON document, as encoding/json wrote it.
		zr, err := gzip.NewReader(bytes.NewReader(hand.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(zr)
		if !json.Valid(bytes.TrimSpace(raw)) {
			t.Errorf("%s: not valid JSON: %s", b.ID, raw)
		}
	}
}

// benchBatch is a batch of 5,000 event-sized records, the size the
// office ships.
func benchBatch() *Batch {
	recs := make([]store.SyncRecord, 5000)
	for i := range recs {
		recs[i] = store.SyncRecord{Table: "events", ID: "KPPN019-0193a6f2-7c1e-7b3a-9f00-00000000", Version: int64(i + 1),
			UpdatedAt: "2026-11-23T02:00:00.000Z",
			Data:      json.RawMessage(`{"seq":1,"id":"KPPN019-0193a6f2-7c1e-7b3a-9f00-00000000","office_code":"KPPN019","at":"2026-11-23T02:00:00.000Z","kind":"ticket.called","ticket_id":"KPPN019-0193a6f2-7c1e-7b3a-9f00-00000001","service_id":"KPPN019-0193a6f2","counter_id":"KPPN019-0193a6f3","officer_id":"KPPN019-0193a6f4","data":"{\"counter\":\"2\",\"number\":\"A123\",\"status\":\"called\"}"}`)}
	}
	return &Batch{ID: "b", Office: "KPPN019", After: 0, To: 5000, Records: recs}
}

// BenchmarkEncodeBatch is the hand-written encoder on a 5,000-record
// batch; BenchmarkEncodeBatchJSON beside it is the same batch through
// encoding/json and the same gzip level, the baseline the encoder must beat
// to keep its place.
//
// Its figures:
//   - ns/op: encoding and gzipping one 5,000-record batch.
//   - B/op, allocs/op: memory allocated for that batch.
func BenchmarkEncodeBatch(b *testing.B) {
	batch := benchBatch()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := EncodeBatch(&buf, batch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeBatchJSON is the baseline of BenchmarkEncodeBatch: the
// same batch written by encoding/json into a gzip writer at the same level,
// the encoder EncodeBatch replaced. The output is checked to decode to the
// same batch, so the two do the same work.
//
// Its figures:
//   - ns/op: encoding and gzipping one 5,000-record batch with encoding/json.
//   - B/op, allocs/op: memory allocated for that batch.
func BenchmarkEncodeBatchJSON(b *testing.B) {
	batch := benchBatch()
	encode := func(w io.Writer) error {
		zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
		if err != nil {
			return err
		}
		if err := json.NewEncoder(zw).Encode(batch); err != nil {
			return err
		}
		return zw.Close()
	}
	var buf bytes.Buffer
	if err := encode(&buf); err != nil {
		b.Fatal(err)
	}
	if got, err := DecodeBatch(&buf); err != nil || len(got.Records) != len(batch.Records) {
		b.Fatalf("the baseline's batch does not decode: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := encode(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
