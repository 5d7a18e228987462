package office

import (
	"context"
	"log/slog"

	"loket/store"
)

// Privacy is the office's personal data duties under UU 27/2022: the
// subject's access to their data (ps. 32), restriction and erasure
// (ps. 41-44), the retention job, and the record of processing (ps. 31).
// Admins and the data protection officer (store.RoleDPO) only.
type Privacy interface {
	// PersonalData finds the people matching q (NIK/NIP, phone or email)
	// and returns everything held about each, with who viewed it. The
	// view itself is logged with purpose (the screen or command).
	PersonalData(ctx context.Context, actorID, purpose string, q store.PersonQuery) ([]store.PersonData, error)
	// RestrictPerson stops the processing of a person's data on request.
	RestrictPerson(ctx context.Context, actorID, visitorID, reason string) error
	// ErasePerson erases a person's data on request; counts stay.
	ErasePerson(ctx context.Context, actorID, visitorID, reason string) error
	// PurgeRetention pseudonymises the personal fields past their
	// retention period (dryRun: only counts).
	PurgeRetention(ctx context.Context, actorID string, dryRun bool) (store.PurgeResult, error)
	// ProcessingRecord lists every personal column the store holds.
	ProcessingRecord(ctx context.Context, actorID string) ([]store.ProcessingItem, error)
	// AccessLog lists the views of personal data, of one person
	// (visitorID) or all.
	AccessLog(ctx context.Context, actorID, visitorID string) ([]store.AccessEntry, error)
}

// errNotDPO refuses the privacy duties to anyone but an admin or the DPO.
var errNotDPO = &store.Error{Code: "forbidden",
	Message: "Data pribadi hanya dapat dikelola oleh Admin atau Pejabat Pelindungan Data Pribadi."}

// CanManagePersonalData reports whether role may use the Data Pribadi
// screen.
func CanManagePersonalData(role string) bool { return role == store.RoleAdmin || role == store.RoleDPO }

func (l *Local) privacyActor(ctx context.Context, actorID string) error {
	o, err := l.st.Officer(ctx, actorID)
	if err != nil || !o.Active || !CanManagePersonalData(o.Role) {
		return errNotDPO
	}
	return nil
}

// PersonalData implements Privacy.
func (l *Local) PersonalData(ctx context.Context, actorID, purpose string, q store.PersonQuery) ([]store.PersonData, error) {
	if err := l.privacyActor(ctx, actorID); err != nil {
		return nil, err
	}
	vs, err := l.st.FindPersons(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, store.ErrNotFound
	}
	if purpose == "" {
		purpose = "Data Pribadi"
	}
	subs := make([]store.AccessSubject, 0, len(vs))
	for _, v := range vs {
		subs = append(subs, store.AccessSubject{Kind: store.SubjectVisitor, ID: v.ID, VisitorID: v.ID})
	}
	// Logged before it is read, so the export carries its own view.
	if err := l.st.LogAccess(ctx, actorID, purpose, subs); err != nil {
		return nil, err
	}
	out := make([]store.PersonData, 0, len(vs))
	for _, v := range vs {
		p, err := l.st.PersonData(ctx, v.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// RestrictPerson implements Privacy.
func (l *Local) RestrictPerson(ctx context.Context, actorID, visitorID, reason string) error {
	if err := l.privacyActor(ctx, actorID); err != nil {
		return err
	}
	return l.notified(l.st.RestrictPerson(ctx, actorID, visitorID, reason))
}

// ErasePerson implements Privacy.
func (l *Local) ErasePerson(ctx context.Context, actorID, visitorID, reason string) error {
	if err := l.privacyActor(ctx, actorID); err != nil {
		return err
	}
	return l.notified(l.st.ErasePerson(ctx, actorID, visitorID, reason))
}

// PurgeRetention implements Privacy.
func (l *Local) PurgeRetention(ctx context.Context, actorID string, dryRun bool) (store.PurgeResult, error) {
	if err := l.privacyActor(ctx, actorID); err != nil {
		return store.PurgeResult{}, err
	}
	r, err := l.st.PurgeRetention(ctx, actorID, dryRun)
	return r, l.notified(err)
}

// ProcessingRecord implements Privacy.
func (l *Local) ProcessingRecord(ctx context.Context, actorID string) ([]store.ProcessingItem, error) {
	if err := l.privacyActor(ctx, actorID); err != nil {
		return nil, err
	}
	return l.st.ProcessingRecord(ctx)
}

// AccessLog implements Privacy.
func (l *Local) AccessLog(ctx context.Context, actorID, visitorID string) ([]store.AccessEntry, error) {
	if err := l.privacyActor(ctx, actorID); err != nil {
		return nil, err
	}
	return l.st.AccessLog(ctx, visitorID)
}

// The views of personal data that go through the ordinary screens
// (registration look-up, a consultation opened, a receipt found) are
// logged by Local from the viewer the context carries: in-process the
// app sets it (Viewed), over the hub the hub sets it from the officer
// token and the screen header.

type viewerKey struct{}

type viewer struct{ officerID, screen string }

// WithViewer says who is looking and on which screen.
func WithViewer(ctx context.Context, officerID, screen string) context.Context {
	return context.WithValue(ctx, viewerKey{}, viewer{officerID, screen})
}

// ViewerFrom is the officer and screen WithViewer set ("" when none).
func ViewerFrom(ctx context.Context) (officerID, screen string) {
	v, _ := ctx.Value(viewerKey{}).(viewer)
	return v.officerID, v.screen
}

// logView writes the access log rows for subjects shown to the viewer.
// A view that cannot be logged is refused: the log is the duty.
func (l *Local) logView(ctx context.Context, defScreen string, subs []store.AccessSubject) error {
	if len(subs) == 0 {
		return nil
	}
	id, screen := ViewerFrom(ctx)
	if screen == "" {
		screen = defScreen
	}
	if err := l.st.LogAccess(ctx, id, screen, subs); err != nil {
		slog.Error("office: access log", "err", err)
		return err
	}
	return nil
}

// logListView logs a list screen's subjects once per viewer, screen and
// office day (store.LogListAccess), however often the list reloads. As
// with logView, a list whose view cannot be logged is refused.
func (l *Local) logListView(ctx context.Context, defScreen string, subs []store.AccessSubject) error {
	if len(subs) == 0 {
		return nil
	}
	id, screen := ViewerFrom(ctx)
	if screen == "" {
		screen = defScreen
	}
	day, err := l.dayStart(ctx)
	if err != nil {
		return err
	}
	if _, err := l.st.LogListAccess(ctx, id, screen, subs, day); err != nil {
		slog.Error("office: access log", "err", err)
		return err
	}
	return nil
}

// Viewed wraps a Service so every call carries the logged-in officer as
// viewer, with a screen named after the call: the personal data look-ups
// are then logged with who and why without touching each screen. It
// replaces an earlier wrapper rather than nesting.
func Viewed(svc Service, officerID string) Service {
	if v, ok := svc.(*viewedService); ok {
		svc = v.Service
	}
	return &viewedService{Service: svc, officerID: officerID}
}

type viewedService struct {
	Service
	officerID string
}

func (v *viewedService) with(ctx context.Context, screen string) context.Context {
	if id, _ := ViewerFrom(ctx); id != "" {
		return ctx
	}
	return WithViewer(ctx, v.officerID, screen)
}

// FindVisitors implements Service.
func (v *viewedService) FindVisitors(ctx context.Context, q string) ([]store.Visitor, error) {
	return v.Service.FindVisitors(v.with(ctx, ScreenVisitorSearch), q)
}

// Consultation implements Service.
func (v *viewedService) Consultation(ctx context.Context, id string) (store.Consultation, error) {
	return v.Service.Consultation(v.with(ctx, ScreenConsultation), id)
}

// FindReceipt implements Service.
func (v *viewedService) FindReceipt(ctx context.Context, number string) (store.Receipt, error) {
	return v.Service.FindReceipt(v.with(ctx, ScreenReceipt), number)
}

// ReceiptsToday implements Service.
func (v *viewedService) ReceiptsToday(ctx context.Context) ([]store.Receipt, error) {
	return v.Service.ReceiptsToday(v.with(ctx, ScreenReceiptsToday))
}

// OverdueReceipts implements Service.
func (v *viewedService) OverdueReceipts(ctx context.Context) ([]store.Receipt, error) {
	return v.Service.OverdueReceipts(v.with(ctx, ScreenOverdueReceipts))
}

// CSOBoard implements Service.
func (v *viewedService) CSOBoard(ctx context.Context) (CSOBoard, error) {
	return v.Service.CSOBoard(v.with(ctx, ScreenCSOBoard))
}

// KasiBoard implements Service.
func (v *viewedService) KasiBoard(ctx context.Context, kasiID string) (KasiBoard, error) {
	return v.Service.KasiBoard(v.with(ctx, ScreenKasiBoard), kasiID)
}

// Screens named in the access log for the ordinary look-ups.
const (
	ScreenVisitorSearch = "Cari pengunjung (Registrasi/CSO)"
	ScreenConsultation  = "CSO: konsultasi dibuka"
	ScreenReceipt       = "Tanda terima: berkas dibuka"
	// The lists, logged once a day per officer (logListView).
	ScreenReceiptsToday   = "Registrasi: daftar tanda terima"
	ScreenOverdueReceipts = "Kepala Seksi: berkas lewat janji"
	ScreenCSOBoard        = "CSO: daftar konsultasi"
	ScreenKasiBoard       = "Kepala Seksi: daftar eskalasi"
)

// requireSettingActor lets an admin save any setting and the DPO the
// retention periods (store.IsRetentionSetting) only: the DPO answers for
// how long personal data is kept (UU 27/2022 ps. 53), not for the rest
// of the office's set-up.
func (l *Local) requireSettingActor(ctx context.Context, actorID, key string) error {
	err := l.requireAdmin(ctx, actorID)
	if err == nil || !store.IsRetentionSetting(key) {
		return err
	}
	if o, oerr := l.st.Officer(ctx, actorID); oerr == nil && o.Active && o.Role == store.RoleDPO {
		return nil
	}
	return err
}
