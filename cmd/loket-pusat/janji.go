package main

import (
	"log/slog"
	"net/http"

	"loket/central"
	"loket/web/janji"
	"loket/workday"
)

// publicHandler is the server's routes: the offices' API (central) and the
// public booking page /janji-temu (web/janji) on the holiday calendar the
// application ships.
func publicHandler(db central.DB, logger *slog.Logger) (http.Handler, error) {
	cal, err := workday.DefaultCalendar()
	if err != nil {
		logger.Warn("janji temu: kalender bawaan tidak terbaca; memakai perkiraan hari libur", "err", err)
		cal = nil
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
