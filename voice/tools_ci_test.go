//go:build ci

package voice

// requireTools makes a missing espeak-ng fail the voice tests under CI
// (`make test` installs it) instead of skipping them.
const requireTools = true
