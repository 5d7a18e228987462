//go:build ci

package main

// requireX makes a missing Xvfb, xwininfo or xwd fail the real-app and
// real-display tests and benchmark under CI (`make test` installs them).
const requireX = true
