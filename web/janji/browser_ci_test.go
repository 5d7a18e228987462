//go:build ci

package janji_test

// requireBrowser makes a missing Chromium fail the tests under CI instead
// of skipping them.
const requireBrowser = true
