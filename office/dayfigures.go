package office

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"loket/reports"
	"loket/store"
)

// DayFiguresRefresh says what a refresh of the day figures did.
type DayFiguresRefresh struct {
	// From and To are the business dates looked at (From empty: from the
	// first ticket).
	From, To string
	// Days counts the days computed (the days with tickets in the range);
	// Changed those whose figures differ from the stored ones.
	Days    int
	Changed int
}

// RefreshDayFigures recomputes the stored figures of the business days that
// can have changed since the last refresh and keeps them for the nightly
// sync: every day from the day before the last computed one up to today in
// the office's zone (a ticket left open past midnight finishes the next
// day), or from the first ticket on the first run. The sync calls it
// before every run (cmd/loket wires it as central.Control.Prepare).
func (l *Local) RefreshDayFigures(ctx context.Context) (DayFiguresRefresh, error) {
	off, err := l.st.Office(ctx)
	if err != nil {
		return DayFiguresRefresh{}, err
	}
	today := l.st.Now().In(store.LoadZone(off.Zone)).Format(store.DateLayout)
	from := ""
	last, err := l.st.LastDayFiguresDate(ctx)
	switch {
	case err == nil:
		// A clock set back leaves figures "after" today: recompute from
		// the day before today then.
		d, perr := time.Parse(store.DateLayout, min(last, today))
		if perr != nil {
			return DayFiguresRefresh{}, perr
		}
		from = d.AddDate(0, 0, -1).Format(store.DateLayout)
	case !errors.Is(err, store.ErrNotFound):
		return DayFiguresRefresh{}, err
	}
	return l.ComputeDayFigures(ctx, from, today)
}

// ComputeDayFigures computes the figures of every business day from..to
// (inclusive; from empty: the first ticket) that has tickets, each through
// Figures as the office's own day report does (norm compliance counted on
// working time), and stores them. Days without a ticket get no row.
func (l *Local) ComputeDayFigures(ctx context.Context, from, to string) (DayFiguresRefresh, error) {
	res := DayFiguresRefresh{From: from, To: to}
	dates, err := l.st.TicketDates(ctx, from, to)
	if err != nil {
		return res, err
	}
	// Days are independent read-only computations: on the first run (a
	// year of days) they share the CPUs; SQLite in WAL mode reads them
	// side by side.
	days := make([]store.DayFigures, len(dates))
	errs := make([]error, len(dates))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 4, max(len(dates), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if errs[i] = ctx.Err(); errs[i] != nil {
					continue
				}
				d := dates[i]
				fig, err := l.Figures(ctx, reports.Period{Kind: reports.PeriodDay, From: d, To: d}, reports.Filter{})
				days[i], errs[i] = dayFiguresOf(d, fig), err
			}
		}()
	}
	for i := range dates {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return res, err
		}
	}
	res.Days = len(days)
	res.Changed, err = l.st.SaveDayFigures(ctx, days)
	return res, err
}

// dayFiguresOf keeps the figures of one day that the central report uses.
func dayFiguresOf(date string, fig reports.Figures) store.DayFigures {
	t := fig.Total
	d := store.DayFigures{Office: fig.Office.Code, Date: date, Issued: t.Issued, Served: t.Served, NoShow: t.NoShow,
		Cancelled: t.Cancelled, NormKnown: t.NormKnown, NormMet: t.NormMet, Respondents: fig.IKM.Respondents}
	if t.Wait.N > 0 {
		d.MedianWait, d.HasWait = t.Wait.Median, true
	}
	if fig.IKM.Respondents > 0 {
		d.IKM, d.HasIKM = fig.IKM.Value, true
	}
	return d
}
