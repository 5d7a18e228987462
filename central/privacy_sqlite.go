package central

import (
	"context"
	"strings"
)

// ScrubPersonal implements DB: the named records' personal fields are
// replaced (json_set); only records still holding another value are
// changed and returned, so a second pass returns none.
func (s *SQLite) ScrubPersonal(ctx context.Context, sc Scrub) ([]string, error) {
	if err := sc.validate(); err != nil {
		return nil, err
	}
	// json_set's placeholders come before the WHERE clause's.
	var set []string
	var args []any
	for _, k := range sc.sortedFields() {
		set = append(set, "'$."+k+"', ?")
		args = append(args, sc.Fields[k])
	}
	param := func(v any) string {
		args = append(args, v)
		return "?"
	}
	where := sc.where(scrubDialect{
		param: param,
		member: func(expr string, vals []string) string {
			ps := make([]string, len(vals))
			for i, v := range vals {
				ps[i] = param(v)
			}
			return expr + " IN (" + strings.Join(ps, ",") + ")"
		},
		field: func(k string) string { return "json_extract(data, '$." + k + "')" },
		differs: func(k, p string) string {
			return "(json_type(data, '$." + k + "') IS NOT NULL AND json_extract(data, '$." + k + "') IS NOT " + p + ")"
		},
	})
	q := `UPDATE records SET data = json_set(data, ` + strings.Join(set, ", ") + `) WHERE ` + where + ` RETURNING id`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scrubbedIDs(rows)
}
