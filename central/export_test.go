package central

import "context"

// ReportLive is the report computed from the records themselves, beside
// the summary Report reads (PostgreSQL only).
func ReportLive(ctx context.Context, db DB, from, to string) ([]ReportRow, error) {
	return db.(*Postgres).reportLive(ctx, db.(*Postgres).pool, "", from, to)
}
