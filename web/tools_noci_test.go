//go:build !ci

package web_test

const requireChromium = false
