package central_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// bomb is about 250 KB of gzip that inflates to 256 MB of one JSON
// string (eight times the bound; the 1 MB bomb of the issue inflated to 1 GB).
func bomb(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	io.WriteString(zw, `{"id":"`)
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for range 256 {
		zw.Write(chunk)
	}
	io.WriteString(zw, `"}`)
	zw.Close()
	return buf.Bytes()
}

func post(t testing.TB, h *hub, code string, body []byte) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/v1/offices/"+code+"/batches", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// A gzip bomb is refused with 413 once it inflates past the bound, and
// costs the centre about the bound in memory, not the gigabyte it holds;
// four at once are the same.
func TestGzipBombIsRefusedWithBoundedMemory(t *testing.T) {
	h := newHub(t, backends[0], "KPPN033", nil)
	body := bomb(t)
	if len(body) > 2<<20 {
		t.Fatalf("bomb is %d bytes", len(body))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = post(t, h, "KPPN033", body).StatusCode
		}()
	}
	wg.Wait()
	runtime.ReadMemStats(&after)
	for _, c := range codes {
		if c != http.StatusRequestEntityTooLarge && c != http.StatusTooManyRequests {
			t.Errorf("bomb answered %d, want 413 (or 429 past the office's two batches)", c)
		}
	}
	if codes[0] != http.StatusRequestEntityTooLarge && codes[1] != http.StatusRequestEntityTooLarge {
		t.Errorf("no bomb reached the 413: %v", codes)
	}
	// TotalAlloc counts every byte allocated in between, the test's client
	// included: two decodes bounded at 32 MB each stay far below the 256 MB
	// each bomb inflates to.
	if got := after.TotalAlloc - before.TotalAlloc; got > 400<<20 {
		t.Errorf("the bombs cost %d MB of allocations", got>>20)
	}
}

// An office gets at most two batches at once; a third is 429 at once (its
// client retries with back-off), and the slots come back.
func TestBatchesPerOfficeAreCapped(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 8)
	h := newHub(t, backends[0], "KPPN034", func(next http.Handler) http.Handler {
		return next
	})
	// A slow body keeps a batch in its slot until released.
	slow := func() io.Reader {
		return io.MultiReader(strings.NewReader(""), readerFunc(func(p []byte) (int, error) {
			entered <- struct{}{}
			<-release
			return 0, io.EOF
		}))
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost,
				h.srv.URL+"/v1/offices/KPPN034/batches", slow())
			req.Header.Set("Authorization", "Bearer "+h.token)
			if resp, err := h.srv.Client().Do(req); err == nil {
				resp.Body.Close()
			}
		}()
	}
	<-entered
	<-entered
	// Both slow batches are being read by the centre: the third is refused.
	var resp *http.Response
	for range 50 {
		resp = post(t, h, "KPPN034", []byte("bukan gzip"))
		if resp.StatusCode == http.StatusTooManyRequests {
			break
		}
	}
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("third batch at once: %d, want 429", resp.StatusCode)
	}
	close(release)
	wg.Wait()
	if c := post(t, h, "KPPN034", []byte("bukan gzip")).StatusCode; c != http.StatusBadRequest {
		t.Errorf("after the two finished: %d, want 400 (not gzip)", c)
	}
}

type readerFunc func(p []byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
