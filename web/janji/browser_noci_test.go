//go:build !ci

package janji_test

// requireBrowser: outside CI a missing Chromium skips the browser test.
const requireBrowser = false
