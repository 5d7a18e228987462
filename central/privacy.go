package central

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-co-op/gocron/v2"

	"loket/store"
)

// The centre holds copies of the offices' visitors, receipts and
// consultations (the nightly sync ships them), so it keeps the same
// personal data duties (UU 27/2022): a person erased at their office is
// erased at the centre when the erasure event arrives, and the centre's
// own retention pass pseudonymises the fields past their period, with
// the same fields and the same replacements as the office store. Counts,
// dates and statuses stay, so the centre's reports do not change.

// Scrub names records whose personal fields are replaced: the fields of
// table, for the records of Office ("" any) that are in IDs, or whose
// MatchKey field is one of MatchValues, or (neither) whose updated_at is
// before Before.
type Scrub struct {
	Office      string
	Table       string
	Fields      map[string]string // JSON key → replacement
	IDs         []string
	MatchKey    string
	MatchValues []string
	Before      string // store.TimeLayout; records updated before it
}

// scrubbable is, per synced table, the personal fields and what replaces
// them, with the retention kind whose period applies at the centre.
var scrubbable = []struct {
	table, kind string
	fields      map[string]string
}{
	{"visitors", store.PDIdentity, map[string]string{"name": store.ErasedName, "id_number": ""}},
	{"visitors", store.PDContact, map[string]string{"phone": "", "email": ""}},
	{"consultation_callbacks", store.PDContact, map[string]string{"phone": ""}},
	{"consultations", store.PDCSONotes, map[string]string{"identification": ""}},
	{"consultation_notes", store.PDCSONotes, map[string]string{"body": "(dihapus sesuai pelindungan data pribadi)"}},
	{"consultation_callbacks", store.PDCSONotes, map[string]string{"note": "", "solution": ""}},
	{"receipts", store.PDReceipts, map[string]string{"purpose": ""}},
}

// fieldsOf merges the fields of every kind for table (an erasure takes
// them all).
func fieldsOf(table string) map[string]string {
	out := map[string]string{}
	for _, s := range scrubbable {
		if s.table == table {
			for k, v := range s.fields {
				out[k] = v
			}
		}
	}
	return out
}

// PurgeCentre pseudonymises, in every office's records, the personal
// fields older than their retention period: the office's own period when
// its settings (pdp.retensi.*, shipped by the sync like every setting)
// say one, else retention's, else store.RetentionDefaults. It returns the
// records changed.
func PurgeCentre(ctx context.Context, db DB, now time.Time, retention map[string]int) (int, error) {
	offices, err := db.Offices(ctx)
	if err != nil {
		return 0, fmt.Errorf("central: purge: %w", err)
	}
	total := 0
	for _, o := range offices {
		periods, err := officeRetention(ctx, db, o.Code, retention)
		if err != nil {
			return total, err
		}
		for _, s := range scrubbable {
			ids, err := db.ScrubPersonal(ctx, Scrub{Office: o.Code, Table: s.table, Fields: s.fields,
				Before: now.UTC().AddDate(0, 0, -periods[s.kind]).Format(store.TimeLayout)})
			if err != nil {
				return total, fmt.Errorf("central: purge %s %s: %w", o.Code, s.table, err)
			}
			total += len(ids)
		}
	}
	return total, nil
}

// officeRetention is an office's retention period per kind, in days. A
// synced value that is not a whole number of at least 30 days reads as
// the fallback, as store.Retention does at the office.
func officeRetention(ctx context.Context, db DB, office string, fallback map[string]int) (map[string]int, error) {
	out := map[string]int{}
	for _, k := range store.PDKinds {
		days := fallback[k]
		if days <= 0 {
			days = store.RetentionDefaults[k]
		}
		r, err := db.Record(ctx, office, "settings", store.RetentionSettingKey(k))
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return nil, fmt.Errorf("central: retention of %s: %w", office, err)
		default:
			var row struct {
				Value string `json:"value"`
			}
			if json.Unmarshal(r.Data, &row) == nil {
				if d, err := strconv.Atoi(strings.TrimSpace(row.Value)); err == nil && d >= 30 {
					days = d
				}
			}
		}
		out[k] = days
	}
	return out, nil
}

// EraseAtCentre erases one person of an office: their visitor record, the
// receipts and consultations naming them, and those consultations' notes
// and call backs.
func EraseAtCentre(ctx context.Context, db DB, office, visitorID string) (int, error) {
	n := 0
	steps := []Scrub{
		{Office: office, Table: "visitors", Fields: fieldsOf("visitors"), IDs: []string{visitorID}},
		{Office: office, Table: "receipts", Fields: fieldsOf("receipts"), MatchKey: "visitor_id", MatchValues: []string{visitorID}},
	}
	for _, s := range steps {
		ids, err := db.ScrubPersonal(ctx, s)
		if err != nil {
			return n, fmt.Errorf("central: erase: %w", err)
		}
		n += len(ids)
	}
	cons, err := db.ScrubPersonal(ctx, Scrub{Office: office, Table: "consultations", Fields: fieldsOf("consultations"),
		MatchKey: "visitor_id", MatchValues: []string{visitorID}})
	if err != nil {
		return n, fmt.Errorf("central: erase: %w", err)
	}
	n += len(cons)
	if len(cons) == 0 {
		return n, nil
	}
	for _, t := range []string{"consultation_notes", "consultation_callbacks"} {
		ids, err := db.ScrubPersonal(ctx, Scrub{Office: office, Table: t, Fields: fieldsOf(t),
			MatchKey: "consultation_id", MatchValues: cons})
		if err != nil {
			return n, fmt.Errorf("central: erase: %w", err)
		}
		n += len(ids)
	}
	return n, nil
}

// applyErasures erases at the centre every person whose erasure event is
// in the batch just stored.
func applyErasures(ctx context.Context, db DB, b *Batch, log *slog.Logger) {
	for _, r := range b.Records {
		if r.Table != "events" {
			continue
		}
		var e struct {
			Kind string          `json:"kind"`
			Data json.RawMessage `json:"data"`
		}
		if json.Unmarshal(r.Data, &e) != nil || e.Kind != store.EvPDErased {
			continue
		}
		raw := []byte(e.Data)
		var text string
		if json.Unmarshal(raw, &text) == nil { // the column's JSON as a string
			raw = []byte(text)
		}
		var d map[string]string
		if json.Unmarshal(raw, &d) != nil || d["visitor"] == "" {
			continue
		}
		if n, err := EraseAtCentre(ctx, db, b.Office, d["visitor"]); err != nil {
			log.Error("pdp: erase at centre", "office", b.Office, "err", err)
		} else {
			log.Info("pdp: erased at centre", "office", b.Office, "records", n)
		}
	}
}

// scrubKey accepts the JSON keys and match keys ScrubPersonal puts into
// SQL text: lower-case identifiers only (they come from this file).
func scrubKey(k string) error {
	if k == "" {
		return fmt.Errorf("central: scrub: empty key")
	}
	for _, r := range k {
		if (r < 'a' || r > 'z') && r != '_' {
			return fmt.Errorf("central: scrub: bad key %q", k)
		}
	}
	return nil
}

// validate checks a scrub names its records one way and only safe keys.
func (sc Scrub) validate() error {
	if sc.Table == "" || len(sc.Fields) == 0 {
		return fmt.Errorf("central: scrub: no table or fields")
	}
	for k := range sc.Fields {
		if err := scrubKey(k); err != nil {
			return err
		}
	}
	switch {
	case len(sc.IDs) > 0:
	case sc.MatchKey != "":
		if err := scrubKey(sc.MatchKey); err != nil {
			return err
		}
		if len(sc.MatchValues) == 0 {
			return fmt.Errorf("central: scrub: no values to match")
		}
	case sc.Before != "":
	default:
		return fmt.Errorf("central: scrub: no records named")
	}
	return nil
}

// sortedFields gives the fields in a stable order (the SQL text is built
// from them).
func (sc Scrub) sortedFields() []string {
	keys := make([]string, 0, len(sc.Fields))
	for k := range sc.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// StartCentreRetention runs PurgeCentre once at start-up and every day at
// 02.00 (server time) until ctx ends, with each office's retention
// periods (the defaults where an office set none).
func StartCentreRetention(ctx context.Context, db DB, log *slog.Logger) error {
	s, err := gocron.NewScheduler()
	if err != nil {
		return err
	}
	run := func() {
		n, err := PurgeCentre(ctx, db, time.Now(), nil)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("pdp: centre retention", "err", err)
		case n > 0:
			log.Info("pdp: centre retention", "records", n)
		}
	}
	if _, err = s.NewJob(gocron.DailyJob(1, gocron.NewAtTimes(gocron.NewAtTime(2, 0, 0))), gocron.NewTask(run),
		gocron.WithSingletonMode(gocron.LimitModeReschedule), gocron.WithStartAt(gocron.WithStartImmediately()),
		gocron.WithName("loket-pusat-pdp-retention")); err != nil {
		_ = s.Shutdown()
		return err
	}
	s.Start()
	go func() {
		<-ctx.Done()
		_ = s.Shutdown()
	}()
	return nil
}
