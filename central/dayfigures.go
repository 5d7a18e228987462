package central

import (
	"context"
	"sort"
)

// The SLA % of the cross-office report comes from the day figures each
// office computes and syncs (table day_figures): the centre has no working
// calendar and no service norms, and must not re-implement the office's
// workday arithmetic. Days without figures (an office on an older version)
// keep the wait-based measure, labelled per row.

// dayFiguresQuery lists the synced day figures of business dates $1..$2
// (the record id is the business date). Placeholders are written $1/$2:
// both engines accept them; CAST works in both too.
const dayFiguresQuery = `SELECT office, id, COALESCE(CAST(data->>'norm_known' AS bigint), 0),
	COALESCE(CAST(data->>'norm_met' AS bigint), 0), COALESCE(CAST(data->>'issued' AS bigint), 0),
	COALESCE(CAST(data->>'served' AS bigint), 0)
	FROM records WHERE tbl = 'day_figures' AND id BETWEEN $1 AND $2`

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
	from, to string, out []ReportRow) ([]ReportRow, error) {
	rows, done, err := query(ctx, dayFiguresQuery, from, to)
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
