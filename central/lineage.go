package central

import (
	"context"

	"loket/store"
)

// The centre keeps an office's marks per lineage of its store (see
// store.Lineage): a store restored from a backup reuses the event seqs
// after the backup, so a mark of the old lineage says nothing about the
// new one. A lineage the centre has not seen starts at the last event it
// shares with what the centre holds:
//   - the store's first lineage (no parent) is the history the office
//     synced before lineages existed: the office's legacy mark, but never
//     past the lineage's fork (a store that had fewer events then);
//   - a restored lineage whose parent the centre knows: the parent's mark,
//     never past the fork (the backup's last event);
//   - a parent the centre never saw: from the beginning. Records are keyed
//     by id, so whatever it already holds is received again without
//     duplicates.

// lineageMark returns the centre's mark for l, and whether l is new to it.
// mark looks up a lineage's stored mark; legacy is the office's mark from
// before lineages (positions.event_seq).
func lineageMark(ctx context.Context, l *store.Lineage, legacy int64,
	mark func(ctx context.Context, id string) (int64, bool, error)) (int64, bool, error) {
	if m, ok, err := mark(ctx, l.ID); err != nil || ok {
		return m, false, err
	}
	if l.Parent == "" {
		return max(0, min(l.ForkSeq, legacy)), true, nil
	}
	pm, ok, err := mark(ctx, l.Parent)
	if err != nil || !ok {
		return 0, true, err
	}
	return max(0, min(l.ForkSeq, pm)), true, nil
}

// Version of a record on the wire: the lineage's generation in the high
// bits, so a row from a later lineage (a restored store working on) wins
// over the same row from the lineage it replaced, whose seqs ran higher.
// Generation 0 (every store before its first restore) leaves the seq as
// it is, as before lineages.
func wireVersion(l store.Lineage, v int64) int64 { return l.Generation<<32 + v }
