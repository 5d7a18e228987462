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
	where := []string{"tbl = ?"}
	args := []any{sc.Table}
	if sc.Office != "" {
		where, args = append(where, "office = ?"), append(args, sc.Office)
	}
	in := func(vals []string) string {
		for _, v := range vals {
			args = append(args, v)
		}
		return strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")
	}
	switch {
	case len(sc.IDs) > 0:
		where = append(where, "id IN ("+in(sc.IDs)+")")
	case sc.MatchKey != "":
		where = append(where, "json_extract(data, '$."+sc.MatchKey+"') IN ("+in(sc.MatchValues)+")")
	default:
		where, args = append(where, "updated_at <> '' AND updated_at < ?"), append(args, sc.Before)
	}
	var set, differs []string
	var setArgs []any
	for _, k := range sc.sortedFields() {
		set = append(set, "'$."+k+"', ?")
		setArgs = append(setArgs, sc.Fields[k])
		differs = append(differs, "(json_type(data, '$."+k+"') IS NOT NULL AND json_extract(data, '$."+k+"') IS NOT ?)")
		args = append(args, sc.Fields[k])
	}
	where = append(where, "("+strings.Join(differs, " OR ")+")")
	q := `UPDATE records SET data = json_set(data, ` + strings.Join(set, ", ") + `) WHERE ` + strings.Join(where, " AND ") + ` RETURNING id`
	rows, err := s.db.QueryContext(ctx, q, append(setArgs, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
