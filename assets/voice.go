package assets

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

// voiceFS holds the spoken-call clips (mono 22050 Hz 16-bit PCM WAV) built by
// voice/generate.sh from voice/clips.tsv; they are committed so that builds
// need neither espeak-ng nor sox.
//
//go:embed voice/*.wav
var voiceFS embed.FS

// VoiceClip returns the embedded WAV clip called name (the file name without
// ".wav", e.g. "seratus" or "nomor_antrean") and whether it exists.
func VoiceClip(name string) ([]byte, bool) {
	if name == "" || strings.ContainsAny(name, "/\\.") {
		return nil, false
	}
	b, err := voiceFS.ReadFile("voice/" + name + ".wav")
	if err != nil {
		return nil, false
	}
	return b, true
}

// VoiceClipNames lists the embedded clip names in sorted order, so a test can
// check that every clip the voice package may ask for is present.
func VoiceClipNames() []string {
	entries, err := fs.ReadDir(voiceFS, "voice")
	if err != nil {
		panic("assets: " + err.Error()) // embedded at build time; cannot fail
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".wav"); ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}
