package central

import (
	"context"
	"database/sql"
	"math"
	"time"

	"loket/reports"
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

// ikmAcc sums one office day's answers per element, and keeps its Zona
// Integritas answers (IPK k1..k8, IPAK a1..a5) for reports.ComputeZI.
type ikmAcc struct {
	sum, count [9]int
	ipk, ipak  [][]int
}

// zi is the converted value (25..100) of the answers, nil with none.
func zi(answers [][]int, n int) *float64 {
	ix := reports.ComputeZI(answers, n)
	if ix.Respondents == 0 {
		return nil
	}
	return &ix.Value
}

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
	s.data->>'u6', s.data->>'u7', s.data->>'u8', s.data->>'u9',
	s.data->>'k1', s.data->>'k2', s.data->>'k3', s.data->>'k4', s.data->>'k5', s.data->>'k6', s.data->>'k7', s.data->>'k8',
	s.data->>'a1', s.data->>'a2', s.data->>'a3', s.data->>'a4', s.data->>'a5'
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

// surveyScore is a synced answer (text of the JSON number) as 1..4, or 0
// when skipped or not a valid answer.
func surveyScore(s sql.NullString) int {
	if s.Valid && len(s.String) == 1 && s.String[0] >= '1' && s.String[0] <= '4' {
		return int(s.String[0] - '0')
	}
	return 0
}

// addIKM reads survey answers from rows and sets the IKM of each office
// day of out (adding the days with answers but no ticket), kept sorted.
func addIKM(rows rowSource, from, to string, out []ReportRow) ([]ReportRow, error) {
	type key struct{ office, date string }
	acc := map[key]*ikmAcc{}
	zones := map[string]*time.Location{}
	// One row: office, zone, answered_at, then u1..u9, k1..k8, a1..a5.
	const nu, nk, na = store.SurveyElements, store.IPKItems, store.IPAKItems
	var office, zone, at string
	var u [nu + nk + na]sql.NullString
	dest := []any{&office, &zone, &at}
	for i := range u {
		dest = append(dest, &u[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
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
		for i, s := range u[:nu] {
			if v := surveyScore(s); v > 0 {
				a.sum[i] += v
				a.count[i]++
			}
		}
		ipk, ipak := make([]int, nk), make([]int, na)
		for i := range ipk {
			ipk[i] = surveyScore(u[nu+i])
		}
		for i := range ipak {
			ipak[i] = surveyScore(u[nu+nk+i])
		}
		a.ipk, a.ipak = append(a.ipk, ipk), append(a.ipak, ipak)
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
		out[i].IPK, out[i].IPAK = zi(a.ipk, store.IPKItems), zi(a.ipak, store.IPAKItems)
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
