//go:build ci

package web_test

// requireChromium makes a missing Chromium fail the browser tests under CI
// (`make test` installs Debian's chromium) instead of skipping them.
const requireChromium = true
