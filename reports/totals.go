package reports

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// sumGroups is the Jumlah row of a table of groups: its counts are added
// up from the rows shown, so the row is the sum of the rows above it by
// construction. Medians, percentiles and maxima cannot be added; they are
// those of all the period's tickets, which the rows cover exactly when
// the counts agree with all (totalNote says so when they do not).
func sumGroups(gs []Group, all Stats) Stats {
	var t Stats
	for _, g := range gs {
		s := g.Stats
		t.Issued += s.Issued
		t.Served += s.Served
		t.NoShow += s.NoShow
		t.Cancelled += s.Cancelled
		t.Open += s.Open
		t.Priority += s.Priority
		t.NormKnown += s.NormKnown
		t.NormMet += s.NormMet
	}
	t.Wait, t.Service = all.Wait, all.Service
	return t
}

// totalNote explains, in the table's own words, a Jumlah row that differs
// from the period's totals; empty when they agree.
func totalNote(sum, all Stats) string {
	if sum.Issued == all.Issued && sum.Served == all.Served && sum.NoShow == all.NoShow &&
		sum.Cancelled == all.Cancelled && sum.Open == all.Open {
		return ""
	}
	return fmt.Sprintf("Baris Jumlah menjumlahkan baris tabel ini (%s tiket); seluruh periode mencatat %s tiket. "+
		"Median, p90 dan maks pada baris Jumlah dihitung dari seluruh tiket periode.", FormatCount(sum.Issued), FormatCount(all.Issued))
}

// sumKV adds up labelled counts (the CSO blocks' Jumlah rows).
func sumKV(kv []KV) int {
	n := 0
	for _, x := range kv {
		n += x.N
	}
	return n
}

// FormatCount writes a count with Indonesian thousands dots: 12.480.
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// OldestOverdue returns the overdue consultations oldest deadline first
// (then oldest opened), without changing items.
func OldestOverdue(items []CSOItem) []CSOItem {
	out := append([]CSOItem(nil), items...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Due.Equal(out[j].Due) {
			return out[i].Due.Before(out[j].Due)
		}
		return out[i].Opened.Before(out[j].Opened)
	})
	return out
}

// OverdueShown is how many overdue consultations the PDFs list; the rest
// are counted, and the workbook lists them all.
const OverdueShown = 10

// periodEnd is the first instant after the period in loc, or generated
// when that comes first (a report of today is read as of its making).
func periodEnd(p Period, loc *time.Location, generated time.Time) time.Time {
	_, b, err := p.Dates()
	if err != nil {
		return generated
	}
	end := time.Date(b.Year(), b.Month(), b.Day()+1, 0, 0, 0, 0, loc)
	if !generated.IsZero() && generated.Before(end) {
		return generated
	}
	return end
}

// lateBy writes how long past its deadline an item was at `at`: "3 hari",
// "5 jam", "< 1 jam".
func lateBy(due, at time.Time) string {
	if due.IsZero() || !at.After(due) {
		return "-"
	}
	d := at.Sub(due)
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%d hari", int(d/(24*time.Hour)))
	case d >= time.Hour:
		return fmt.Sprintf("%d jam", int(d/time.Hour))
	}
	return "< 1 jam"
}
