package central

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
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
	args := []any{string(patch), sc.Table}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	where := []string{"tbl = $2"}
	if sc.Office != "" {
		where = append(where, "office = "+arg(sc.Office))
	}
	switch {
	case len(sc.IDs) > 0:
		where = append(where, "id = ANY("+arg(sc.IDs)+")")
	case sc.MatchKey != "":
		where = append(where, "data->>'"+sc.MatchKey+"' = ANY("+arg(sc.MatchValues)+")")
	default:
		where = append(where, "updated_at <> '' AND updated_at < "+arg(sc.Before))
	}
	var differs []string
	for _, k := range sc.sortedFields() {
		differs = append(differs, "(data ? '"+k+"' AND data->>'"+k+"' IS DISTINCT FROM "+arg(sc.Fields[k])+")")
	}
	where = append(where, "("+strings.Join(differs, " OR ")+")")
	rows, err := p.pool.Query(ctx, `UPDATE records SET data = data || $1::jsonb WHERE `+strings.Join(where, " AND ")+` RETURNING id`, args...)
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
