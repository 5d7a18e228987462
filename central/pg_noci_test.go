//go:build !ci

package central_test

// requirePostgres is false outside CI: a developer without PostgreSQL
// still runs the SQLite half of the central tests.
const requirePostgres = false
