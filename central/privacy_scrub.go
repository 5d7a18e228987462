package central

import "strings"

// scrubDialect is what a backend's ScrubPersonal says in its own SQL;
// which records a Scrub names, and that only records still holding
// another value change, is written once, in Scrub.where.
type scrubDialect struct {
	// param adds v to the query's arguments and returns its placeholder.
	param func(v any) string
	// member says expr is one of vals.
	member func(expr string, vals []string) string
	// field is the text of the record data's key k.
	field func(k string) string
	// differs says the record data holds key k with a value other than
	// the placeholder p.
	differs func(k, p string) string
}

// where is the WHERE clause of a scrub's UPDATE of records.
func (sc Scrub) where(d scrubDialect) string {
	where := []string{"tbl = " + d.param(sc.Table)}
	if sc.Office != "" {
		where = append(where, "office = "+d.param(sc.Office))
	}
	switch {
	case len(sc.IDs) > 0:
		where = append(where, d.member("id", sc.IDs))
	case sc.MatchKey != "":
		where = append(where, d.member(d.field(sc.MatchKey), sc.MatchValues))
	default:
		where = append(where, "updated_at <> '' AND updated_at < "+d.param(sc.Before))
	}
	var differs []string
	for _, k := range sc.sortedFields() {
		differs = append(differs, d.differs(k, d.param(sc.Fields[k])))
	}
	where = append(where, "("+strings.Join(differs, " OR ")+")")
	return strings.Join(where, " AND ")
}

// scrubbedIDs reads the ids an UPDATE … RETURNING id answers.
func scrubbedIDs(rows rowSource) ([]string, error) {
	var ids []string
	err := eachRow(rows, func(r rowScanner) error {
		var id string
		if err := r.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	return ids, err
}
