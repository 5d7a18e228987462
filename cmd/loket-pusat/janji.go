package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"

	"loket/central"
	"loket/web/janji"
	"loket/workday"
)

// publicHandler is the server's routes: the offices' API (central) and the
// public booking page /janji-temu (web/janji) on the holiday calendar the
// application ships, with the years the centre pushed down to the offices
// (`loket-pusat update holidays`) replacing the shipped ones, as they do at
// the offices. A calendar pushed while the server runs counts from its
// next start.
func publicHandler(ctx context.Context, db central.DB, logger *slog.Logger) (http.Handler, error) {
	cal, err := workday.DefaultCalendar()
	if err != nil {
		logger.Warn("janji temu: kalender bawaan tidak terbaca; memakai perkiraan hari libur", "err", err)
		cal = nil
	}
	if ups, err := db.Updates(ctx, 0); err == nil {
		for _, u := range ups {
			if u.Kind != central.UpdateHolidays {
				continue
			}
			hs, err := workday.ParseHolidaysCSV(bytes.NewReader(u.Content))
			if err != nil {
				continue // refused when pushed; never here
			}
			if merged, err := cal.Merge(hs); err == nil {
				cal = merged
			}
		}
	}
	jt, err := janji.New(db, cal, logger, janji.Options{})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	jt.Register(mux)
	mux.Handle("/", (&central.Server{DB: db, Logger: logger}).Handler())
	return mux, nil
}
