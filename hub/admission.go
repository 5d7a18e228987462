package hub

import (
	"context"
	"time"

	"loket/store"
)

// DefaultWriteWait is how long a write waits for the hub's write slot
// before it is answered 503 busy (Server.WriteWait).
const DefaultWriteWait = 2 * time.Second

// readOnly are the office.Service methods that only read: through
// /v1/call they never wait for the write slot, so a report or a satker
// search is not queued behind fifty counters' calls (SQLite's WAL lets
// reads run beside the one writer). Every method is either here or in
// writes; TestEveryMethodClassified fails on one in neither, so a new
// method cannot slip into the wrong lane unnoticed.
var readOnly = set("Office", "Services", "Counters", "Officers", "Setting", "Holidays",
	"Catalog", "CatalogEntry", "PreviewCatalog", "ReviewCatalog", "CatalogCorrections",
	"SearchSatkers",
	"CurrentTicket", "TicketsToday", "WaitingCounts", "TicketsChangedSince",
	"CSOCategories", "SuggestAnswers", "ConsultationFigures",
	"ReportData", "LoginLocks", "LastEventSeq", "TicketEstimate",
	// These write one access-log row each (who viewed whose data): a short
	// SQLite write of their own, not worth a turn in the queue. The lists
	// write only the rows not yet logged for that officer today.
	"FindVisitors", "FindReceipt", "Consultation", "PersonalData", "AccessLog", "ProcessingRecord",
	"ReceiptsToday", "OverdueReceipts", "KasiBoard",
	// The fairness sheet reads the day's events (office/integrity.go).
	"FairnessSheet")

// writes are the methods that change the office (or, like CSOBoard, may
// close overdue items on the way): one at a time through the write slot.
// Login and Logout are writes that manage their own turn (unqueued).
var writes = set("SaveOffice", "Login", "Logout", "UnlockLogin", "SaveService", "SaveCounter",
	"SaveOfficer", "SaveSetting", "SaveHoliday", "DeleteHoliday", "ImportHolidays",
	"ImportCatalog", "ImportCatalogReviewed", "SaveCatalogCorrection", "DropCatalogCorrection",
	"ImportSatkers", "CreateReceipt", "SetReceiptStatus", "MarkReceiptPrinted",
	"OpenCounter", "TakeOverCounter", "HandOverCounter", "CloseCounter", "IssueTicket",
	"CallNext", "Recall", "StartServing", "Skip", "Finish", "Transfer", "Reactivate", "Cancel",
	"SaveCSOCategory", "CreateConsultation", "UpdateConsultation", "ActOnConsultation",
	"AddConsultationNote", "CSOBoard", "ScheduleCallback", "RecordCallback",
	"AutoCloseConsultations", "SubmitSurvey", "CheckIn", "RestrictPerson", "ErasePerson", "PurgeRetention", "Subscribe",
	// Anti-favouritism (office/integrity.go).
	"CallTicket", "PauseCounter", "ResumeCounter")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// admitWrite waits for the write slot, at most WriteWait: a write that
// cannot get its turn in time is answered busy (503) and commits nothing,
// so the client can say so and try again rather than hang.
func (s *Server) admitWrite(ctx context.Context) (func(), error) {
	wait := s.WriteWait
	if wait <= 0 {
		wait = DefaultWriteWait
	}
	select {
	case s.writes <- struct{}{}:
		return func() { <-s.writes }, nil
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case s.writes <- struct{}{}:
		return func() { <-s.writes }, nil
	case <-t.C:
		s.log.Warn("hub: write refused busy", "waited", wait)
		return nil, clone(store.ErrBusy)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
