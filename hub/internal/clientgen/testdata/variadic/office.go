package office

import "context"

type Service interface {
	Many(ctx context.Context, ids ...string) error
}
