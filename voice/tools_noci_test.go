//go:build !ci

package voice

// requireTools is false outside CI: a developer without espeak-ng still
// runs every other voice test.
const requireTools = false
