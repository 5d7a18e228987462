package voice

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"time"
)

// pcm16 packs samples as 16-bit little-endian PCM.
func pcm16(samples ...int16) []byte {
	b := make([]byte, 2*len(samples))
	for i, s := range samples {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(s))
	}
	return b
}

func samples16(pcm []byte) []int16 {
	out := make([]int16, len(pcm)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(pcm[2*i:]))
	}
	return out
}

// riff assembles a WAV from raw chunks so tests can build odd layouts.
func riff(chunks ...[]byte) []byte {
	body := []byte("WAVE")
	for _, c := range chunks {
		body = append(body, c...)
	}
	out := append([]byte("RIFF"), le32(uint32(len(body)))...)
	return append(out, body...)
}

func chunk(id string, body []byte) []byte {
	out := append([]byte(id), le32(uint32(len(body)))...)
	out = append(out, body...)
	if len(body)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func fmtBody(tag, channels uint16, rate uint32, bits uint16) []byte {
	b := binary.LittleEndian.AppendUint16(nil, tag)
	b = binary.LittleEndian.AppendUint16(b, channels)
	b = binary.LittleEndian.AppendUint32(b, rate)
	align := channels * bits / 8
	b = binary.LittleEndian.AppendUint32(b, rate*uint32(align))
	b = binary.LittleEndian.AppendUint16(b, align)
	return binary.LittleEndian.AppendUint16(b, bits)
}

func extensibleFmt(channels uint16, rate uint32, subTag uint16) []byte {
	b := fmtBody(0xFFFE, channels, rate, 16)
	b = binary.LittleEndian.AppendUint16(b, 22) // cbSize
	b = binary.LittleEndian.AppendUint16(b, 16) // valid bits
	b = binary.LittleEndian.AppendUint32(b, 4)  // channel mask
	b = binary.LittleEndian.AppendUint16(b, subTag)
	return append(b, ksdataTail...)
}

func TestDecodeWAVLayouts(t *testing.T) {
	data := pcm16(1, -2, 3, 32767, -32768)
	mono := Format{Channels: 1, SampleRate: 22050, BitsPerSample: 16}
	tests := []struct {
		name string
		wav  []byte
		want Format
		pcm  []byte
	}{
		{"canonical", EncodeWAV(mono, data), mono, data},
		{"LIST and odd chunk before data", riff(
			chunk("fmt ", fmtBody(1, 1, 22050, 16)),
			chunk("LIST", []byte("INFOISFT\x03\x00\x00\x00sox")), // 15 bytes: padded
			chunk("fact", le32(5)),
			chunk("data", data),
			chunk("id3 ", []byte("trailing tag")),
		), mono, data},
		{"18-byte fmt", riff(chunk("fmt ", append(fmtBody(1, 1, 22050, 16), 0, 0)), chunk("data", data)), mono, data},
		{"extensible PCM", riff(chunk("fmt ", extensibleFmt(1, 22050, 1)), chunk("data", data)), mono, data},
		{"stereo 44.1k", riff(chunk("fmt ", fmtBody(1, 2, 44100, 16)), chunk("data", data[:8])),
			Format{Channels: 2, SampleRate: 44100, BitsPerSample: 16}, data[:8]},
		{"streaming data size", func() []byte {
			w := EncodeWAV(mono, data)
			binary.LittleEndian.PutUint32(w[40:], 0xFFFFFFFF)
			return w
		}(), mono, data},
		{"torn last frame", riff(chunk("fmt ", fmtBody(1, 1, 22050, 16)), chunk("data", data[:9])), mono, data[:8]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, pcm, err := DecodeWAV(tt.wav)
			if err != nil {
				t.Fatal(err)
			}
			if f != tt.want || !bytes.Equal(pcm, tt.pcm) {
				t.Errorf("got %v %v, want %v %v", f, pcm, tt.want, tt.pcm)
			}
		})
	}
}

func TestDecodeWAVErrors(t *testing.T) {
	data := pcm16(1, 2)
	tests := []struct {
		name string
		wav  []byte
	}{
		{"empty", nil},
		{"not riff", append([]byte("RIFX\x00\x00\x00\x00WAVE"), make([]byte, 40)...)},
		{"no fmt", riff(chunk("data", data))},
		{"no data", riff(chunk("fmt ", fmtBody(1, 1, 22050, 16)))},
		{"short fmt", riff(chunk("fmt ", make([]byte, 14)), chunk("data", data))},
		{"float", riff(chunk("fmt ", fmtBody(3, 1, 22050, 32)), chunk("data", data))},
		{"8-bit", riff(chunk("fmt ", fmtBody(1, 1, 22050, 8)), chunk("data", data))},
		{"24-bit", riff(chunk("fmt ", fmtBody(1, 1, 22050, 24)), chunk("data", data))},
		{"extensible float", riff(chunk("fmt ", extensibleFmt(1, 22050, 3)), chunk("data", data))},
		{"zero channels", riff(chunk("fmt ", fmtBody(1, 0, 22050, 16)), chunk("data", data))},
		{"fmt past end", riff([]byte("fmt \x40\x00\x00\x00\x01\x00"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := DecodeWAV(tt.wav); !errors.Is(err, ErrBadWAV) {
				t.Errorf("error = %v, want ErrBadWAV", err)
			}
		})
	}
}

func TestDuration(t *testing.T) {
	w := EncodeWAV(Format{Channels: 2, SampleRate: 8000, BitsPerSample: 16}, make([]byte, 8000*4*3/2))
	if d, err := Duration(w); err != nil || d != 1500*time.Millisecond {
		t.Errorf("Duration = %v, %v; want 1.5s", d, err)
	}
}

func FuzzDecodeWAV(f *testing.F) {
	mono := Format{Channels: 1, SampleRate: 22050, BitsPerSample: 16}
	f.Add(EncodeWAV(mono, pcm16(1, 2, 3)))
	f.Add(riff(chunk("fmt ", extensibleFmt(2, 44100, 1)), chunk("LIST", []byte("abc")), chunk("data", pcm16(4, 5))))
	f.Add([]byte("RIFF\xff\xff\xff\xffWAVEdata\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		f, pcm, err := DecodeWAV(b)
		if err != nil {
			return
		}
		if f.BitsPerSample != 16 || f.Channels < 1 || len(pcm)%f.blockAlign() != 0 {
			t.Fatalf("accepted %v with %d data bytes", f, len(pcm))
		}
		// What we accept we can write back and read again unchanged.
		f2, pcm2, err := DecodeWAV(EncodeWAV(f, pcm))
		if err != nil || f2 != f || !bytes.Equal(pcm2, pcm) {
			t.Fatalf("round trip: %v %v", f2, err)
		}
	})
}
