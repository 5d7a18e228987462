package main

import (
	"loket/hub"
	"loket/ui"
)

// runSurvey is the satisfaction-survey screen for a tablet or kiosk beside
// a counter (on this PC's store, or the hub's with --hub).
func runSurvey() { withApp(hub.KindSurvey, func(a *ui.App) { a.StartSurvey(ui.SurveyOptions{}) }) }
