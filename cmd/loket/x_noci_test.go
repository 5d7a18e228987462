//go:build !ci

package main

// requireX is false outside CI: without Xvfb the real-display test skips.
const requireX = false
