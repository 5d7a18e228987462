package central_test

import (
	"loket/central"
	"loket/office"
)

// The admin's sync tab drives the nightly sync through office.SyncControl.
var _ office.SyncControl = (*central.Control)(nil)
