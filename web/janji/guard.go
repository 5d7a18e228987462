package janji

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"math/big"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"loket/booking"
)

// challenge is the check against bots, with no outside service: a small
// sum the server signs (so it keeps no state per form), a form that must
// have been open a moment before it is sent (a script posts at once), a
// field people never see that must stay empty, and each signed question
// usable once.
type challenge struct {
	key    []byte
	minAge time.Duration
	maxAge time.Duration

	mu   sync.Mutex
	used map[string]time.Time
}

func newChallenge(minAge time.Duration) *challenge {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return &challenge{key: key, minAge: minAge, maxAge: 2 * time.Hour, used: map[string]time.Time{}}
}

// question is one signed sum for a form.
type question struct {
	Text  string
	Token string
}

func smallInt(n int64) int {
	v, _ := rand.Int(rand.Reader, big.NewInt(n))
	return int(v.Int64())
}

// issue makes a question at now.
func (c *challenge) issue(now time.Time) question {
	a, b := 1+smallInt(9), 1+smallInt(9)
	var raw [20]byte
	raw[0], raw[1] = byte(a), byte(b)
	binary.BigEndian.PutUint64(raw[2:10], uint64(now.UnixMilli()))
	_, _ = rand.Read(raw[10:20])
	mac := hmac.New(sha256.New, c.key)
	mac.Write(raw[:])
	tok := base64.RawURLEncoding.EncodeToString(raw[:]) + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:16])
	return question{Text: "Berapa hasil " + strconv.Itoa(a) + " + " + strconv.Itoa(b) + "?", Token: tok}
}

// Challenge refusals, each a sentence for the visitor.
var (
	errChallengeWrong = booking.Problem("Jawaban pertanyaan keamanan salah. Silakan jawab pertanyaan yang baru.")
	errChallengeFast  = booking.Problem("Formulir terkirim terlalu cepat. Periksa isian Anda lalu kirim lagi.")
	errChallengeOld   = booking.Problem("Formulir sudah terlalu lama dibuka. Silakan isi pertanyaan keamanan yang baru.")
)

// check verifies the answer to the token's question, once.
func (c *challenge) check(token, answer, honeypot string, now time.Time) error {
	if strings.TrimSpace(honeypot) != "" {
		return errChallengeWrong
	}
	parts := strings.Split(token, ".")
	if len(parts) != 2 {
		return errChallengeWrong
	}
	raw, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	sig, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	if err1 != nil || err2 != nil || len(raw) != 20 {
		return errChallengeWrong
	}
	mac := hmac.New(sha256.New, c.key)
	mac.Write(raw)
	if !hmac.Equal(sig, mac.Sum(nil)[:16]) {
		return errChallengeWrong
	}
	issued := time.UnixMilli(int64(binary.BigEndian.Uint64(raw[2:10])))
	age := now.Sub(issued)
	if age > c.maxAge {
		return errChallengeOld
	}
	if age < c.minAge {
		return errChallengeFast
	}
	n, err := strconv.Atoi(strings.TrimSpace(answer))
	if err != nil || n != int(raw[0])+int(raw[1]) {
		return errChallengeWrong
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, dup := c.used[parts[0]]; dup {
		return errChallengeWrong
	}
	c.used[parts[0]] = issued
	if len(c.used) > 10000 {
		for k, t := range c.used {
			if now.Sub(t) > c.maxAge {
				delete(c.used, k)
			}
		}
	}
	return nil
}

// limiter is a token bucket per client address: Burst requests at once,
// then one every Every.
type limiter struct {
	burst float64
	every time.Duration

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(burst int, every time.Duration) *limiter {
	return &limiter{burst: float64(burst), every: every, buckets: map[string]*bucket{}}
}

// allow takes one token of ip's bucket.
func (l *limiter) allow(ip string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[ip]
	if b == nil {
		if len(l.buckets) > 50000 {
			// Forget full buckets: they are the same as new ones.
			for k, v := range l.buckets {
				if now.Sub(v.at) > time.Duration(l.burst)*l.every {
					delete(l.buckets, k)
				}
			}
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[ip] = b
	}
	b.tokens = min(l.burst, b.tokens+float64(now.Sub(b.at))/float64(l.every))
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// clientIP is the request's peer address. A proxy's X-Forwarded-For is
// not trusted: anyone could send one to dodge the limit.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
