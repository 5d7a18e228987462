package central

import (
	"context"
	"database/sql"
	"math"
	"time"

	"loket/store"
)

// The IKM (Indeks Kepuasan Masyarakat, PermenPANRB 14/2017) of the
// cross-office report: per element the mean of the answers given (1..4,
// skipped questions not counted), weighted 0.111 each, times 25.
//
// The centre computes it itself from the synced survey answers rather than
// taking the ikm of the office's day figures (which agree: same answers,
// same weights, same day in the office's zone): it needs no workday logic,
// so it is the same for offices on older versions that send no day figures
// and for a day with answers but no ticket (which has no day figure), and
// a late answer counts as soon as it arrives.
const ikmWeight = 0.111

// ikmAcc sums one office day's answers per element.
type ikmAcc struct{ sum, count [9]int }

func (a *ikmAcc) value() *float64 {
	idx, any := 0.0, false
	for i := range a.sum {
		if a.count[i] > 0 {
			idx += float64(a.sum[i]) / float64(a.count[i]) * ikmWeight
			any = true
		}
	}
	if !any {
		return nil
	}
	v := math.Round(idx*25*100) / 100
	return &v
}

// rowSource is what both backends' result rows offer.
type rowSource interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// surveyQuery lists the synced survey answers in a window of answered_at
// (UTC text, wide by a day each side for the zones) with the office's
// zone, of office $3 ("" for all). Placeholders are written $1/$2/$3:
// both engines accept them.
const surveyQuery = `SELECT s.office, COALESCE(o.data->>'zone', ''), s.data->>'answered_at',
	s.data->>'u1', s.data->>'u2', s.data->>'u3', s.data->>'u4', s.data->>'u5',
	s.data->>'u6', s.data->>'u7', s.data->>'u8', s.data->>'u9'
	FROM records s LEFT JOIN records o ON o.office = s.office AND o.tbl = 'offices'
	WHERE s.tbl = 'survey_answers' AND s.data->>'answered_at' >= $1 AND s.data->>'answered_at' < $2
	AND ($3 = '' OR s.office = $3)`

// surveyWindow is the answered_at range to read for business days from..to.
func surveyWindow(from, to string) (string, string) {
	f, err1 := time.Parse(store.DateLayout, from)
	t, err2 := time.Parse(store.DateLayout, to)
	if err1 != nil || err2 != nil {
		return from, to
	}
	return f.AddDate(0, 0, -1).Format(store.DateLayout), t.AddDate(0, 0, 2).Format(store.DateLayout)
}

// addIKM reads survey answers from rows and sets the IKM of each office
// day of out (adding the days with answers but no ticket), kept sorted.
func addIKM(rows rowSource, from, to string, out []ReportRow) ([]ReportRow, error) {
	type key struct{ office, date string }
	acc := map[key]*ikmAcc{}
	zones := map[string]*time.Location{}
	for rows.Next() {
		var office, zone, at string
		var u [9]sql.NullString
		if err := rows.Scan(&office, &zone, &at, &u[0], &u[1], &u[2], &u[3], &u[4], &u[5], &u[6], &u[7], &u[8]); err != nil {
			return out, err
		}
		loc, ok := zones[office]
		if !ok {
			loc = store.LoadZone(zone)
			zones[office] = loc
		}
		ts, err := time.Parse(store.TimeLayout, at)
		if err != nil {
			continue
		}
		day := ts.In(loc).Format(store.DateLayout)
		if day < from || day > to {
			continue
		}
		k := key{office, day}
		a := acc[k]
		if a == nil {
			a = &ikmAcc{}
			acc[k] = a
		}
		for i, s := range u {
			if s.Valid && len(s.String) == 1 && s.String[0] >= '1' && s.String[0] <= '4' {
				a.sum[i] += int(s.String[0] - '0')
				a.count[i]++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	idx := map[key]int{}
	for i, r := range out {
		idx[key{r.Office, r.Date}] = i
	}
	for k, a := range acc {
		i, ok := idx[k]
		if !ok {
			out = append(out, ReportRow{Office: k.office, Date: k.date, SLABasis: SLABasisWait})
			i = len(out) - 1
		}
		out[i].IKM = a.value()
	}
	sortReport(out)
	return out, nil
}

// reportIKM runs surveyQuery through query and merges the IKM into out.
func reportIKM(ctx context.Context, query func(ctx context.Context, q string, args ...any) (rowSource, func(), error),
	office, from, to string, out []ReportRow) ([]ReportRow, error) {
	lo, hi := surveyWindow(from, to)
	rows, done, err := query(ctx, surveyQuery, lo, hi, office)
	if err != nil {
		return out, err
	}
	defer done()
	return addIKM(rows, from, to, out)
}
