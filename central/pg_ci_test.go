//go:build ci

package central_test

// requirePostgres makes a missing PostgreSQL fail the central tests under
// CI instead of skipping them.
const requirePostgres = true
