package store

// SyncProgress is reported after every batch the central server
// acknowledged during a sync run.
type SyncProgress struct {
	RunID    int64
	Batches  int
	Records  int
	Position int64 // acknowledged event seq
	Target   int64 // newest event seq when the run started
}

// Fraction is the share done, 0..1, for a progress bar.
func (p SyncProgress) Fraction() float64 {
	if p.Target <= 0 {
		return 1
	}
	return min(1, float64(p.Position)/float64(p.Target))
}

// SyncSettings are the parts of the nightly sync and backup configuration
// an admin edits on screen (the rest of it, such as retries and batch
// size, stays in the configuration file).
type SyncSettings struct {
	URL       string // of the central server, https://...
	Token     string // the office's token; "" when read back (it is never shown)
	PinSHA256 string // the server certificate's fingerprint, or ""
	CAFile    string // a PEM CA file, or ""
	At        string // nightly time, "HH:MM"
	BackupDir string
	Keep      int // backups kept
}
