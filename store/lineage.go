package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// Lineage is the history line a store's events belong to. Event seqs are
// unique only within a lineage: a store restored from a backup hands the
// numbers after the backup out again, to new events. Restore therefore
// starts a new lineage, and the central office keeps its marks per
// lineage (see migration 0017).
type Lineage struct {
	ID     string `json:"id"`
	Parent string `json:"parent,omitempty"`
	// ForkSeq is the last event seq the lineage shares with its parent
	// (the backup's last event); for the first lineage, the store's last
	// event when lineages were introduced.
	ForkSeq int64 `json:"fork_seq"`
	// Generation orders lineages in time: 0 for a store's first, the
	// seconds since GenerationEpoch at the restore for later ones.
	Generation int64     `json:"generation"`
	CreatedAt  time.Time `json:"-"`
}

// GenerationEpoch is the zero of Lineage.Generation.
var GenerationEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// Lineage returns the store's current lineage.
func (s *Store) Lineage(ctx context.Context) (Lineage, error) {
	var l Lineage
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT id, parent, fork_seq, generation, created_at FROM lineage
		ORDER BY generation DESC, rowid DESC LIMIT 1`).Scan(&l.ID, &l.Parent, &l.ForkSeq, &l.Generation, &at)
	if err != nil {
		return l, fmt.Errorf("store: lineage: %w", err)
	}
	l.CreatedAt = parseTime(at)
	return l, nil
}

// Fork starts a new lineage after a restore: its parent is the current
// one, it forks at the last event the store holds, and its generation is
// taken from the clock (never below the parent's plus one, so a clock set
// back still orders it after its parent).
func (s *Store) Fork(ctx context.Context) (Lineage, error) {
	var l Lineage
	err := s.tx(ctx, func(tx *writeTx) error {
		var cur Lineage
		if err := tx.QueryRowContext(ctx, `SELECT id, generation FROM lineage ORDER BY generation DESC, rowid DESC LIMIT 1`).
			Scan(&cur.ID, &cur.Generation); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) FROM events`).Scan(&l.ForkSeq); err != nil {
			return err
		}
		var b [16]byte
		if _, err := rand.Read(b[:]); err != nil {
			return err
		}
		now := s.now()
		l.ID, l.Parent, l.CreatedAt = hex.EncodeToString(b[:]), cur.ID, now
		l.Generation = max(int64(now.Sub(GenerationEpoch)/time.Second), cur.Generation+1)
		_, err := tx.ExecContext(ctx, `INSERT INTO lineage (id, parent, fork_seq, generation, created_at) VALUES (?, ?, ?, ?, ?)`,
			l.ID, l.Parent, l.ForkSeq, l.Generation, formatTime(now))
		return err
	})
	if err != nil {
		return l, fmt.Errorf("store: fork lineage: %w", err)
	}
	return l, nil
}
