package central_test

import (
	"loket/central"
	officesvc "loket/office" // sync_test.go names its test office "office"
)

// The admin's sync tab drives the nightly sync through office.SyncControl.
var _ officesvc.SyncControl = (*central.Control)(nil)
