package central

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"loket/store"
)

// The SLA % of the cross-office report comes from the day figures each
// office computes and syncs (table day_figures): the centre has no working
// calendar and no service norms, and must not re-implement the office's
// workday arithmetic. Days without figures (an office on an older version)
// keep the wait-based measure, labelled per row.

// dayFiguresQuery lists the synced day figures of business dates $1..$2
// (the record id is the business date) of office $3 ("" for all).
// Placeholders are written $1/$2/$3:
// both engines accept them; CAST works in both too.
const dayFiguresQuery = `SELECT office, id, COALESCE(CAST(data->>'norm_known' AS bigint), 0),
	COALESCE(CAST(data->>'norm_met' AS bigint), 0), COALESCE(CAST(data->>'issued' AS bigint), 0),
	COALESCE(CAST(data->>'served' AS bigint), 0)
	FROM records WHERE tbl = 'day_figures' AND id BETWEEN $1 AND $2 AND ($3 = '' OR office = $3)`

// addDayFigures sets the norm-based SLA of each office day of out that has
// figures in rows (adding a day with figures but no synced ticket), kept
// sorted.
func addDayFigures(rows rowSource, out []ReportRow) ([]ReportRow, error) {
	type key struct{ office, date string }
	idx := map[key]int{}
	for i, r := range out {
		idx[key{r.Office, r.Date}] = i
	}
	added := false
	for rows.Next() {
		var office, date string
		var known, met, issued, served int64
		if err := rows.Scan(&office, &date, &known, &met, &issued, &served); err != nil {
			return out, err
		}
		i, ok := idx[key{office, date}]
		if !ok {
			out = append(out, ReportRow{Office: office, Date: date, Issued: int(issued), Served: int(served)})
			i = len(out) - 1
			idx[key{office, date}] = i
			added = true
		}
		r := &out[i]
		r.NormKnown, r.NormMet = int(known), int(met)
		r.SLABasis, r.SLAPercent = SLABasisNorm, nil
		if known > 0 {
			p := float64(met) * 100 / float64(known)
			r.SLAPercent = &p
		}
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	if added {
		sortReport(out)
	}
	return out, nil
}

// reportDayFigures runs dayFiguresQuery through query and merges the
// figures into out.
func reportDayFigures(ctx context.Context, query func(ctx context.Context, q string, args ...any) (rowSource, func(), error),
	office, from, to string, out []ReportRow) ([]ReportRow, error) {
	rows, done, err := query(ctx, dayFiguresQuery, from, to, office)
	if err != nil {
		return out, err
	}
	defer done()
	return addDayFigures(rows, out)
}

// sortReport orders rows by office, then date.
func sortReport(out []ReportRow) {
	sort.Slice(out, func(i, j int) bool {
		if out[i].Office != out[j].Office {
			return out[i].Office < out[j].Office
		}
		return out[i].Date < out[j].Date
	})
}

// reportSpan is the range of business days whose report rows the records
// of a batch can change: their tickets' days, their day figures' days, and
// the days around their survey answers (a day either side: the answer's
// business day is in the office's zone, its time in UTC). ok is false when
// the batch touches no report row.
func reportSpan(recs []store.SyncRecord) (from, to string, ok bool) {
	add := func(day string) {
		if len(day) != len(store.DateLayout) {
			return
		}
		if !ok || day < from {
			from = day
		}
		if !ok || day > to {
			to = day
		}
		ok = true
	}
	for _, r := range recs {
		switch r.Table {
		case "tickets":
			var d struct {
				Day string `json:"business_date"`
			}
			if json.Unmarshal(r.Data, &d) == nil {
				add(d.Day)
			}
		case "day_figures":
			add(r.ID)
		case "survey_answers":
			var d struct {
				At string `json:"answered_at"`
			}
			if json.Unmarshal(r.Data, &d) == nil && len(d.At) >= 10 {
				if t, err := time.Parse(store.DateLayout, d.At[:10]); err == nil {
					add(t.AddDate(0, 0, -1).Format(store.DateLayout))
					add(t.AddDate(0, 0, 1).Format(store.DateLayout))
				}
			}
		}
	}
	return from, to, ok
}
