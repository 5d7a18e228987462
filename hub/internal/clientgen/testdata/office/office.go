package office

import (
	"context"
	"time"

	"loket/store"
)

type Service interface {
	Extra
	Plain(ctx context.Context) error
	Two(ctx context.Context, from, to time.Time) (Board, error)
	Three(ctx context.Context, c store.Ticket) ([]store.Ticket, int64, error)
	Stream(ctx context.Context, after int64) (<-chan store.Event, error)
	Written(ctx context.Context, id string) (string, error)
	NoContext(id string) error
}

type Extra interface {
	Lookup(ctx context.Context, m map[string]int) (*Board, error)
}

type Board struct{}
