package voice

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// Format describes linear PCM audio. Only 16-bit signed little-endian PCM
// is supported, which is what generate.sh writes.
type Format struct {
	Channels      int // 1 for mono
	SampleRate    int // frames per second, e.g. 22050
	BitsPerSample int // always 16 here
}

// String describes the format for error messages, e.g. "22050 Hz, 1 ch, 16-bit".
func (f Format) String() string {
	return fmt.Sprintf("%d Hz, %d ch, %d-bit", f.SampleRate, f.Channels, f.BitsPerSample)
}

func (f Format) blockAlign() int { return f.Channels * f.BitsPerSample / 8 }

// ErrBadWAV is wrapped by every error from DecodeWAV.
var ErrBadWAV = errors.New("voice: bad WAV")

// waveFormatExtensible's sub-format GUID tail shared by every KSDATAFORMAT;
// the first two bytes carry the plain format tag (1 for PCM).
var ksdataTail = []byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71}

// DecodeWAV parses a RIFF/WAVE file and returns its format and PCM data. It
// walks the chunk list, so LIST/fact/cue chunks and extended fmt chunks are
// fine; it honours odd-size padding and tolerates a data size larger than
// the file (streaming writers leave 0xFFFFFFFF there) by reading to the end.
// Anything but 16-bit PCM is an error wrapping ErrBadWAV.
func DecodeWAV(b []byte) (Format, []byte, error) {
	bad := func(format string, a ...any) (Format, []byte, error) {
		return Format{}, nil, fmt.Errorf("%w: "+format, append([]any{ErrBadWAV}, a...)...)
	}
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return bad("not a RIFF/WAVE file")
	}
	var (
		f        Format
		haveFmt  bool
		data     []byte
		haveData bool
	)
	for p := 12; p+8 <= len(b) && !haveData; {
		id := string(b[p : p+4])
		size := int64(binary.LittleEndian.Uint32(b[p+4 : p+8]))
		body := int64(p + 8)
		end := body + size
		if end > int64(len(b)) {
			if id != "data" {
				return bad("chunk %q runs past the end of the file", id)
			}
			end = int64(len(b))
		}
		chunk := b[body:end]
		switch id {
		case "fmt ":
			if len(chunk) < 16 {
				return bad("fmt chunk is %d bytes", len(chunk))
			}
			tag := binary.LittleEndian.Uint16(chunk[0:2])
			if tag == 0xFFFE { // WAVE_FORMAT_EXTENSIBLE
				if len(chunk) < 40 || !bytes.Equal(chunk[26:40], ksdataTail) {
					return bad("unsupported extensible fmt chunk")
				}
				tag = binary.LittleEndian.Uint16(chunk[24:26])
			}
			if tag != 1 {
				return bad("format tag %d is not PCM", tag)
			}
			f = Format{
				Channels:      int(binary.LittleEndian.Uint16(chunk[2:4])),
				SampleRate:    int(binary.LittleEndian.Uint32(chunk[4:8])),
				BitsPerSample: int(binary.LittleEndian.Uint16(chunk[14:16])),
			}
			if f.BitsPerSample != 16 {
				return bad("%d-bit samples (want 16)", f.BitsPerSample)
			}
			if f.Channels < 1 || f.Channels > 8 || f.SampleRate < 1000 || f.SampleRate > 384000 {
				return bad("implausible format %v", f)
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return bad("data chunk before fmt chunk")
			}
			data, haveData = chunk, true
		}
		p = int(end + size%2) // chunks are word aligned
	}
	if !haveFmt {
		return bad("no fmt chunk")
	}
	if !haveData {
		return bad("no data chunk")
	}
	data = data[:len(data)/f.blockAlign()*f.blockAlign()] // drop a torn last frame
	return f, data, nil
}

// EncodeWAV wraps 16-bit PCM data in a canonical 44-byte WAV header.
func EncodeWAV(f Format, pcm []byte) []byte {
	out := make([]byte, 44, 44+len(pcm))
	copy(out[0:], "RIFF")
	binary.LittleEndian.PutUint32(out[4:], uint32(36+len(pcm)))
	copy(out[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(out[16:], 16)
	binary.LittleEndian.PutUint16(out[20:], 1)
	binary.LittleEndian.PutUint16(out[22:], uint16(f.Channels))
	binary.LittleEndian.PutUint32(out[24:], uint32(f.SampleRate))
	binary.LittleEndian.PutUint32(out[28:], uint32(f.SampleRate*f.blockAlign()))
	binary.LittleEndian.PutUint16(out[32:], uint16(f.blockAlign()))
	binary.LittleEndian.PutUint16(out[34:], uint16(f.BitsPerSample))
	copy(out[36:], "data")
	binary.LittleEndian.PutUint32(out[40:], uint32(len(pcm)))
	return append(out, pcm...)
}

// Duration returns how long a WAV file plays, from its header and data size.
func Duration(wav []byte) (time.Duration, error) {
	f, pcm, err := DecodeWAV(wav)
	if err != nil {
		return 0, err
	}
	frames := len(pcm) / f.blockAlign()
	return time.Duration(frames) * time.Second / time.Duration(f.SampleRate), nil
}
