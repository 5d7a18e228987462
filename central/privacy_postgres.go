package central

import (
	"context"
	"encoding/json"
	"strconv"
)

// ScrubPersonal implements DB: the named records' personal fields are
// replaced (jsonb ||); only records still holding another value are
// changed and returned, so a second pass returns none.
func (p *Postgres) ScrubPersonal(ctx context.Context, sc Scrub) ([]string, error) {
	if err := sc.validate(); err != nil {
		return nil, err
	}
	patch, err := json.Marshal(sc.Fields)
	if err != nil {
		return nil, err
	}
	args := []any{string(patch)}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	where := sc.where(scrubDialect{
		param:  arg,
		member: func(expr string, vals []string) string { return expr + " = ANY(" + arg(vals) + ")" },
		field:  func(k string) string { return "data->>'" + k + "'" },
		differs: func(k, p string) string {
			return "(data ? '" + k + "' AND data->>'" + k + "' IS DISTINCT FROM " + p + ")"
		},
	})
	rows, err := p.pool.Query(ctx, `UPDATE records SET data = data || $1::jsonb WHERE `+where+` RETURNING id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scrubbedIDs(rows)
}
