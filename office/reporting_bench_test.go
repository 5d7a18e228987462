package office_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"loket/office"
	"loket/reports"
	"loket/store"
)

// BenchmarkMonthlyReport50k measures the monthly report of a busy office:
// 50,000 tickets in November 2026 (with their events, 2% transferred) and
// 12,000 questionnaires, from the store to the figures, the PDF and the
// XLSX. Target: under 3 s per report.
//
// Figures: figures ns/op, the month's figures from the store; figures+pdf+xlsx ns/op, the whole report.
func BenchmarkMonthlyReport50k(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "loket.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	l := office.NewLocal(st)
	if _, err := office.FirstRun(ctx, l, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true}); err != nil {
		b.Fatal(err)
	}
	n := seedMonth(b, st, 50000, 12000)
	month := reports.MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	b.Run("figures", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.Figures(ctx, month, reports.Filter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("figures+pdf+xlsx", func(b *testing.B) { monthlyReport(b, l, month, n) })
}

func monthlyReport(b *testing.B, l *office.Local, month reports.Period, n int) {
	ctx := context.Background()
	for b.Loop() {
		fig, err := l.Figures(ctx, month, reports.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		if fig.Total.Issued != n {
			b.Fatalf("issued %d, want %d", fig.Total.Issued, n)
		}
		if _, err := reports.PeriodReportPDF(fig, true); err != nil {
			b.Fatal(err)
		}
		if _, err := reports.XLSX(reports.ReportTables(fig, true)); err != nil {
			b.Fatal(err)
		}
	}
}

// seedMonth writes tickets spread over the working days of November 2026
// straight into the tables (one transaction), with the events the store
// would have written, in time order.
func seedMonth(b *testing.B, st *store.Store, tickets, surveys int) int {
	b.Helper()
	ctx := context.Background()
	svcs, _ := st.Services(ctx)
	ctrs, _ := st.Counters(ctx)
	offs, _ := st.Officers(ctx)
	loc, _ := time.LoadLocation("Asia/Jakarta")
	var days []time.Time
	for d := time.Date(2026, 11, 1, 0, 0, 0, 0, loc); d.Month() == time.November; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			days = append(days, d)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	db := st.DB()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	insT, _ := tx.Prepare(`INSERT INTO tickets (id, office_code, business_date, prefix, number, service_id, priority, status,
		issued_at, queued_at, called_at, counter_id, officer_id, call_count, served_at, finished_at, updated_at)
		VALUES (?, 'KPPN019', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`)
	insE, _ := tx.Prepare(`INSERT INTO events (id, office_code, at, kind, ticket_id, service_id, counter_id, officer_id)
		VALUES (?, 'KPPN019', ?, ?, ?, ?, ?, ?)`)
	insS, _ := tx.Prepare(`INSERT INTO survey_answers (id, office_code, ticket_id, service_id, counter_id, officer_id,
		u1, u2, u3, u4, u5, u6, u7, u8, u9, answered_at) VALUES (?, 'KPPN019', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	f := func(t time.Time) string { return t.UTC().Format(store.TimeLayout) }
	type ev struct {
		at                       time.Time
		kind, tid, sid, cid, oid string
	}
	perDay := tickets / len(days)
	total, rated := 0, 0
	for di, day := range days {
		count := perDay
		if di == len(days)-1 {
			count = tickets - perDay*(len(days)-1)
		}
		var evs []ev
		numbers := map[string]int{}
		for i := 0; i < count; i++ {
			k := rng.IntN(len(svcs))
			sv, ctr, off := svcs[k], ctrs[k%len(ctrs)], offs[rng.IntN(len(offs))]
			numbers[sv.Prefix]++
			issued := day.Add(8*time.Hour + time.Duration(rng.IntN(8*3600))*time.Second)
			called := issued.Add(time.Duration(60+rng.IntN(2400)) * time.Second)
			served := called.Add(time.Duration(20+rng.IntN(90)) * time.Second)
			finished := served.Add(time.Duration(120+rng.IntN(1500)) * time.Second)
			id := fmt.Sprintf("KPPN019-b-%d-%d", di, i)
			status := store.StatusDone
			if rng.IntN(30) == 0 {
				status = store.StatusNoShow
			}
			evs = append(evs, ev{issued, store.EvTicketIssued, id, sv.ID, "", ""}, ev{called, store.EvTicketCalled, id, sv.ID, ctr.ID, off.ID})
			calledS, servedS, finishedS := f(called), any(nil), any(f(finished))
			if status == store.StatusDone {
				servedS = f(served)
				if rng.IntN(50) == 0 { // transferred once before the last service
					mid := served.Add(3 * time.Minute)
					evs = append(evs, ev{served, store.EvTicketServing, id, sv.ID, ctr.ID, off.ID},
						ev{mid, store.EvTicketTransferred, id, sv.ID, ctr.ID, off.ID},
						ev{mid.Add(time.Minute), store.EvTicketCalled, id, sv.ID, ctr.ID, off.ID},
						ev{mid.Add(2 * time.Minute), store.EvTicketServing, id, sv.ID, ctr.ID, off.ID},
						ev{finished.Add(6 * time.Minute), store.EvTicketDone, id, sv.ID, ctr.ID, off.ID})
					calledS, servedS, finishedS = f(mid.Add(time.Minute)), f(mid.Add(2*time.Minute)), f(finished.Add(6*time.Minute))
				} else {
					evs = append(evs, ev{served, store.EvTicketServing, id, sv.ID, ctr.ID, off.ID}, ev{finished, store.EvTicketDone, id, sv.ID, ctr.ID, off.ID})
				}
			} else {
				evs = append(evs, ev{called.Add(2 * time.Minute), store.EvTicketSkipped, id, sv.ID, ctr.ID, off.ID})
			}
			if _, err := insT.Exec(id, day.Format("2006-01-02"), sv.Prefix, numbers[sv.Prefix], sv.ID, "", status, f(issued), f(issued),
				calledS, ctr.ID, off.ID, servedS, finishedS, f(finished)); err != nil {
				b.Fatal(err)
			}
			if status == store.StatusDone && rated < surveys && total%4 == 0 {
				rated++
				sc := make([]any, 9)
				for e := range sc {
					sc[e] = 2 + rng.IntN(3)
				}
				args := append([]any{id + "-s", id, sv.ID, ctr.ID, off.ID}, sc...)
				args = append(args, f(finished.Add(time.Minute)))
				if _, err := insS.Exec(args...); err != nil {
					b.Fatal(err)
				}
			}
			total++
		}
		sort.Slice(evs, func(i, j int) bool { return evs[i].at.Before(evs[j].at) })
		for j, e := range evs {
			if _, err := insE.Exec(fmt.Sprintf("KPPN019-e-%d-%d", di, j), f(e.at), e.kind, e.tid, e.sid, e.cid, e.oid); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return total
}
