// Package central is the nightly sync between an office and the central
// office (kantor pusat): the office client (batches from the event log,
// retries, the nightly job and the store backup) and the server side that
// cmd/loket-pusat runs over PostgreSQL (or SQLite for a trial).
//
// The wire format is generic: a batch is a list of records, each a table
// name, a record id, a version and the row as JSON (store.SyncRecord). The
// position is the office's event seq; the central server keeps, per
// office, the high-water mark below which it holds every event.
package central

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"loket/store"
)

// Batch is one POST of the sync: the events with seq in (After, To] and the
// rows they touched. ID names the batch so a replay is recognised at once.
type Batch struct {
	ID      string             `json:"id"`
	Office  string             `json:"office"`
	After   int64              `json:"after"`
	To      int64              `json:"to"`
	Records []store.SyncRecord `json:"records"`
	// Lineage of the office store: After and To count in its seqs. Nil
	// from an office older than lineages (its marks are the office's).
	Lineage *store.Lineage `json:"lineage,omitempty"`
}

// Ack is the central server's answer to a batch: its new high-water mark.
type Ack struct {
	Office   string `json:"office"`
	EventSeq int64  `json:"event_seq"`
	// Applied counts the records that changed something (0 for a replay).
	Applied int `json:"applied"`
	// Replay tells the batch was already applied.
	Replay bool `json:"replay,omitempty"`
	// Quarantined lists the records the centre could not store: kept
	// aside with the reason, while the rest of the batch was applied.
	Quarantined []Quarantined `json:"quarantined,omitempty"`
}

// Quarantined is a record the centre could not store (text that is not
// valid UTF-8, a NUL that PostgreSQL's jsonb refuses, a value the database
// rejects). One such record never blocks an office: the rest of its batch
// is applied and the mark moves on; the record is kept aside centrally
// (loket-pusat karantina) and named in the office's sync history.
type Quarantined struct {
	Table   string `json:"table"`
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Reason  string `json:"reason"`
}

// QuarantineRow is a quarantined record as `loket-pusat karantina` lists it.
type QuarantineRow struct {
	Office string `json:"office"`
	Quarantined
	ReceivedAt time.Time `json:"received_at"`
}

// dataOf finds a quarantined record's data among a batch's records.
func dataOf(recs []store.SyncRecord, q Quarantined) []byte {
	for _, r := range recs {
		if r.Table == q.Table && r.ID == q.ID && r.Version == q.Version {
			return r.Data
		}
	}
	return nil
}

// recordProblem says why a record's data cannot be stored, "" when it can.
func recordProblem(data []byte) string {
	if !utf8.Valid(data) {
		return "teks bukan UTF-8 yang sah"
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte(`\u0000`))
		if j < 0 {
			return ""
		}
		j += i
		// An escape only when preceded by an even run of backslashes
		// (`\\u0000` is a backslash and the text "u0000").
		k := j
		for k > 0 && data[k-1] == '\\' {
			k--
		}
		if (j-k)%2 == 0 {
			return "teks memuat karakter NUL"
		}
		i = j + 1
	}
}

// screen splits a batch's records into those the database can take and
// those it cannot.
func screen(recs []store.SyncRecord) ([]store.SyncRecord, []Quarantined) {
	var bad []Quarantined
	ok := recs[:0:0]
	for _, r := range recs {
		if why := recordProblem(r.Data); why != "" {
			bad = append(bad, Quarantined{Table: r.Table, ID: r.ID, Version: r.Version, Reason: why})
			continue
		}
		ok = append(ok, r)
	}
	if bad == nil {
		return recs, nil
	}
	return ok, bad
}

// quarantineData is a refused record's data as storable text, for the
// admin who looks into it.
func quarantineData(data []byte) string {
	return strings.ReplaceAll(strings.ToValidUTF8(string(data), "\uFFFD"), "\x00", "")
}

// Position is what the central server holds of one office.
type Position struct {
	Office string `json:"office"`
	// Lineage is the lineage EventSeq counts in ("" for the office's
	// latest mark).
	Lineage   string    `json:"lineage,omitempty"`
	EventSeq  int64     `json:"event_seq"`
	Batches   int64     `json:"batches"`
	Records   int64     `json:"records"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Update is a document the central office pushes down to every office on
// its next sync: a holiday calendar CSV (Kind "holidays") or a Standar
// Pelayanan catalog document (Kind "catalog"). Versions grow across kinds.
type Update struct {
	Version   int64     `json:"version"`
	Kind      string    `json:"kind"`
	Name      string    `json:"name"`
	SHA256    string    `json:"sha256"`
	Content   []byte    `json:"content"`
	CreatedAt time.Time `json:"created_at"`
}

// Update kinds.
const (
	UpdateHolidays = "holidays"
	UpdateCatalog  = "catalog"
)

// ReportRow is one office's day in the cross-office report.
type ReportRow struct {
	Office string `json:"office"`
	Date   string `json:"date"`
	Issued int    `json:"issued"`
	Served int    `json:"served"`
	Called int    `json:"called"`
	// WaitUnder15 counts called tickets that waited less than 15 minutes.
	WaitUnder15 int `json:"wait_under_15"`
	// NormKnown and NormMet come from the office's synced day figures:
	// finished tickets whose service has a time norm in its Standar
	// Pelayanan, and those finished within it on working time. Both 0 for
	// a day without figures (an office on an older version).
	NormKnown int `json:"norm_known"`
	NormMet   int `json:"norm_met"`
	// SLAPercent is NormMet / NormKnown when the office sent its day
	// figures (nil when no finished ticket had a norm), else the fallback
	// WaitUnder15 / Called (nil with no called ticket).
	SLAPercent *float64 `json:"sla_percent"`
	// SLABasis says which of the two SLAPercent measures, per row:
	// SLABasisNorm or SLABasisWait.
	SLABasis string `json:"sla_basis"`
	// IKM (Indeks Kepuasan Masyarakat, 25..100) of the synced survey
	// answers of that day; nil with none.
	IKM *float64 `json:"ikm"`
	// IPK and IPAK (Zona Integritas perception indices, 25..100, the
	// index of reports.ComputeZI times 25) of the same answers; nil when
	// no answer of that day gave them.
	IPK  *float64 `json:"ipk"`
	IPAK *float64 `json:"ipak"`
}

// SLA bases of the report.
const (
	// SLABasisNorm: the share of finished tickets served within their
	// catalog norm on working time, as the office computed it.
	SLABasisNorm = "selesai dalam norma waktu Standar Pelayanan (jam kerja)"
	// SLABasisWait: the fallback for a day without the office's figures.
	SLABasisWait = "waktu tunggu < 15 menit (pengganti: kantor belum mengirim angka harian)"
)

// OfficeInfo is a provisioned office as the central server lists it.
type OfficeInfo struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Position Position `json:"position"`
}

// Errors of the central store.
var (
	// ErrUnknownOffice: the office code was never provisioned.
	ErrUnknownOffice = errors.New("central: unknown office")
	// ErrOfficeExists: `office add` for a code already provisioned.
	ErrOfficeExists = errors.New("central: office already exists")
	// ErrNotFound: no such record.
	ErrNotFound = errors.New("central: not found")
	// ErrUnauthorized: no token, or not one of this office.
	ErrUnauthorized = errors.New("central: unauthorized")
)

// GapError is returned for a batch that starts after the high-water mark:
// applying it would leave a hole, so the client resumes from EventSeq.
type GapError struct{ EventSeq int64 }

func (e *GapError) Error() string {
	return fmt.Sprintf("central: batch leaves a gap after seq %d", e.EventSeq)
}

// batchRetentionDays is how long the centre remembers a batch id (to
// answer a replayed batch as a replay; the marks make an older replay a
// no-op all the same).
const batchRetentionDays = 30

// maxBatchBytes bounds a batch on the wire and once decompressed. A
// 5000-event batch is about 3 MB of JSON; the first batch of an office
// also carries its whole master data (a satker list of tens of thousands
// of rows is a few MB). The bound is what keeps a gzip bomb (1 MB that
// inflates to gigabytes) from costing the centre more than this much
// memory per request.
const maxBatchBytes = 32 << 20

// ErrBatchTooLarge: a batch over maxBatchBytes, compressed or not.
var ErrBatchTooLarge = errors.New("central: batch too large")

// tooLarge turns the HTTP body bound into ErrBatchTooLarge.
func tooLarge(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return ErrBatchTooLarge
	}
	return err
}

// capReader fails with ErrBatchTooLarge once more than n bytes were read,
// so the decoder stops at the bound instead of reading a truncated
// document to its end.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, ErrBatchTooLarge
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	n, err := c.r.Read(p)
	c.n -= int64(n)
	return n, err
}

// EncodeBatch writes b as gzip-compressed JSON.
//
// The JSON is written by hand: encoding/json re-scans and compacts every
// record's json.RawMessage, which was a fifth of a year's sync. Each
// record's Data comes from SQLite's json_object, compact and valid; an
// empty one is written as null, as encoding/json would.
func EncodeBatch(w io.Writer, b *Batch) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	buf := make([]byte, 0, 64<<10)
	buf = append(buf, `{"id":`...)
	buf = appendJSONString(buf, b.ID)
	buf = append(buf, `,"office":`...)
	buf = appendJSONString(buf, b.Office)
	buf = append(buf, `,"after":`...)
	buf = strconv.AppendInt(buf, b.After, 10)
	buf = append(buf, `,"to":`...)
	buf = strconv.AppendInt(buf, b.To, 10)
	if b.Lineage != nil {
		lj, err := json.Marshal(b.Lineage)
		if err != nil {
			return err
		}
		buf = append(buf, `,"lineage":`...)
		buf = append(buf, lj...)
	}
	buf = append(buf, `,"records":`...)
	if b.Records == nil {
		buf = append(buf, "null"...)
	} else {
		buf = append(buf, '[')
		for i, r := range b.Records {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, `{"t":`...)
			buf = appendJSONString(buf, r.Table)
			buf = append(buf, `,"id":`...)
			buf = appendJSONString(buf, r.ID)
			buf = append(buf, `,"v":`...)
			buf = strconv.AppendInt(buf, r.Version, 10)
			if r.UpdatedAt != "" {
				buf = append(buf, `,"u":`...)
				buf = appendJSONString(buf, r.UpdatedAt)
			}
			buf = append(buf, `,"d":`...)
			if len(r.Data) == 0 {
				buf = append(buf, "null"...)
			} else {
				buf = append(buf, r.Data...)
			}
			buf = append(buf, '}')
			if len(buf) > 48<<10 {
				if _, err := zw.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
		buf = append(buf, ']')
	}
	buf = append(buf, "}\n"...)
	if _, err := zw.Write(buf); err != nil {
		return err
	}
	return zw.Close()
}

// appendJSONString appends s as a JSON string. Ids, table names and
// timestamps are plain ASCII and are copied as they are; anything else
// goes through encoding/json.
func appendJSONString(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(buf, q...)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}

// DecodeBatch reads a gzip-compressed JSON batch, refusing one larger than
// maxBatchBytes once decompressed.
func DecodeBatch(r io.Reader) (*Batch, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("central: batch: %w", tooLarge(err))
	}
	defer zr.Close()
	var b Batch
	// One more byte than the bound: a batch of exactly maxBatchBytes is
	// read whole, one byte more fails.
	dec := json.NewDecoder(&capReader{r: zr, n: maxBatchBytes + 1})
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("central: batch: %w", tooLarge(err))
	}
	return &b, nil
}

// dedupe keeps one record per (table, id), the highest version, so a single
// upsert statement never touches a row twice.
func dedupe(recs []store.SyncRecord) []store.SyncRecord {
	type key struct{ t, id string }
	idx := make(map[key]int, len(recs))
	out := recs[:0:0]
	for _, r := range recs {
		k := key{r.Table, r.ID}
		if i, ok := idx[k]; ok {
			if r.Version > out[i].Version {
				out[i] = r
			}
			continue
		}
		idx[k] = len(out)
		out = append(out, r)
	}
	return out
}

// validate checks a batch before it reaches the database.
func (b *Batch) validate(office string) error {
	switch {
	case b.ID == "":
		return errors.New("batch tanpa id")
	case b.Office != office:
		return fmt.Errorf("batch kantor %q dikirim ke alamat kantor %q", b.Office, office)
	case b.After < 0 || b.To < b.After:
		return fmt.Errorf("rentang batch tidak sah (%d, %d]", b.After, b.To)
	}
	for _, r := range b.Records {
		// The decoder already checked that Data is valid JSON.
		if r.Table == "" || r.ID == "" || len(r.Data) == 0 {
			return fmt.Errorf("rekaman tidak sah dalam batch: %s/%s", r.Table, r.ID)
		}
	}
	return nil
}
