package central

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"loket/store"
)

// DB is where the central server keeps every office's data. Two
// implementations: PostgreSQL through pgx (the real engine for the centre)
// and SQLite (a trial with no database server). Every method is safe for
// concurrent use; Apply serialises batches of one office.
type DB interface {
	// AddOffice provisions an office with the hash of its token.
	AddOffice(ctx context.Context, code, name, tokenHash string) error
	// SetToken replaces an office's tokens (role "office") or adds a
	// report token (role "report", office empty).
	SetToken(ctx context.Context, office, role, tokenHash string) error
	// Token resolves a token hash to its office and role, or
	// ErrUnauthorized.
	Token(ctx context.Context, tokenHash string) (office, role string, err error)
	// Offices lists the provisioned offices with their positions.
	Offices(ctx context.Context) ([]OfficeInfo, error)
	// Apply stores a batch in one transaction and returns the new
	// high-water mark. Replaying a batch changes nothing; a batch that
	// starts after the mark fails with *GapError.
	Apply(ctx context.Context, b *Batch) (Ack, error)
	// Position returns an office's high-water mark: for lineage l of its
	// store when l is not nil (the mark a lineage the centre has not seen
	// yet would start at), else the office's latest mark.
	Position(ctx context.Context, office string, l *store.Lineage) (Position, error)
	// PutUpdate stores a document to push down and returns it versioned.
	PutUpdate(ctx context.Context, kind, name string, content []byte) (Update, error)
	// Updates lists the pushed-down documents after a version.
	Updates(ctx context.Context, after int64) ([]Update, error)
	// Report gives per office per business day (YYYY-MM-DD, inclusive)
	// the ticket counts, the SLA share (norm-based from the office's day
	// figures, wait-based for a day without them) and the IKM of the
	// survey answers.
	Report(ctx context.Context, from, to string) ([]ReportRow, error)
	// Count returns how many records of a table an office has (tests,
	// the office list).
	Count(ctx context.Context, office, table string) (int64, error)
	// Quarantine lists the records the centre could not store, of one
	// office or ("") of all.
	Quarantine(ctx context.Context, office string) ([]QuarantineRow, error)
	// Record returns one stored record, or ErrNotFound.
	Record(ctx context.Context, office, table, id string) (store.SyncRecord, error)
	// ScrubPersonal replaces the personal fields of the records sc names
	// and returns the ids changed (central/privacy.go).
	ScrubPersonal(ctx context.Context, sc Scrub) ([]string, error)
	Close() error
}

// Token roles.
const (
	RoleOffice = "office"
	RoleReport = "report"
)

// OpenDB opens the central store named by dsn: a postgres:// or
// postgresql:// URL (or "host=... dbname=..." keywords) opens PostgreSQL,
// anything else is the path of a SQLite file for a trial.
func OpenDB(ctx context.Context, dsn string) (DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") || strings.Contains(dsn, "dbname=") {
		return OpenPostgres(ctx, dsn)
	}
	return OpenSQLite(ctx, dsn)
}

// NewToken makes a random token to hand to an office once, and the hash the
// server keeps. The token has 256 bits, so a plain SHA-256 is enough.
func NewToken() (token, hash string, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b[:])
	return token, HashToken(token), nil
}

// HashToken is how tokens are stored and looked up.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// slaPercent sets the wait-based fallback SLA; addDayFigures replaces it
// for the days the office sent figures for.
func slaPercent(r *ReportRow) {
	r.SLABasis = SLABasisWait
	if r.Called > 0 {
		p := float64(r.WaitUnder15) * 100 / float64(r.Called)
		r.SLAPercent = &p
	}
}
