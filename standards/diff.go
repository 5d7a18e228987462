package standards

import (
	"reflect"
	"sort"
)

// ChangeKind says what happened to a service between two catalog versions.
type ChangeKind string

// The kinds of Change.
const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Changed ChangeKind = "changed"
)

// Change is one line of an import preview.
type Change struct {
	Kind ChangeKind `json:"kind"`
	// Name is the service's name (the new one for Added and Changed).
	Name string `json:"name"`
	// OldNumber and NewNumber are positions in the old and new documents;
	// 0 on the side where the service does not exist.
	OldNumber int `json:"old_number"`
	NewNumber int `json:"new_number"`
	// Components lists the canonical keys of the components whose text
	// changed, in canonical order; "nama" is included when only the name's
	// spelling changed.
	Components []string `json:"components,omitempty"`
}

// Diff compares two versions of a service catalog. Services are matched by
// name (case, spacing and punctuation ignored), since heading numbers drift
// between editions; a service whose name changed reads as removed and added.
// Changes come in the new document's order, removals last.
func Diff(old, new Document) []Change {
	byName := map[string][]int{}
	for i, s := range old.Services {
		k := normName(s.Name)
		byName[k] = append(byName[k], i)
	}
	used := make([]bool, len(old.Services))
	var out []Change
	for _, n := range new.Services {
		k := normName(n.Name)
		idx := -1
		for _, i := range byName[k] {
			if !used[i] {
				idx = i
				break
			}
		}
		if idx < 0 {
			out = append(out, Change{Kind: Added, Name: n.Name, NewNumber: n.Number})
			continue
		}
		used[idx] = true
		o := old.Services[idx]
		comps := changedComponents(o, n)
		if len(comps) > 0 {
			out = append(out, Change{Kind: Changed, Name: n.Name, OldNumber: o.Number, NewNumber: n.Number, Components: comps})
		}
	}
	for i, o := range old.Services {
		if !used[i] {
			out = append(out, Change{Kind: Removed, Name: o.Name, OldNumber: o.Number})
		}
	}
	return out
}

func changedComponents(o, n Service) []string {
	var keys []string
	if o.Name != n.Name {
		keys = append(keys, "nama")
	}
	seen := map[string]bool{}
	for _, c := range Components {
		seen[c.Key] = true
		if o.Components[c.Key] != n.Components[c.Key] {
			keys = append(keys, c.Key)
		}
	}
	var extra []string
	for k := range o.Components {
		if !seen[k] && o.Components[k] != n.Components[k] {
			extra = append(extra, k)
		}
	}
	for k := range n.Components {
		if _, inOld := o.Components[k]; !seen[k] && !inOld {
			extra = append(extra, k)
		}
	}
	if o.Components[KeyPersyaratan] == n.Components[KeyPersyaratan] &&
		(!reflect.DeepEqual(o.Requirements, n.Requirements) || o.RequirementsNote != n.RequirementsNote) {
		// same text, read into a different checklist (a newer parser)
		keys = append(keys, KeyPersyaratan)
	}
	sort.Strings(extra)
	keys = append(keys, extra...)
	if len(keys) == 0 && !reflect.DeepEqual(o.SLA, n.SLA) {
		keys = append(keys, KeyJangkaWaktu)
	}
	return keys
}
