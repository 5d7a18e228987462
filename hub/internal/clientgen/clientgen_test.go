package clientgen

import (
	"strings"
	"testing"
)

// Generate on a small office: embedded interfaces expanded in place, office
// types qualified, one, two and three results, hand-written and uncallable
// methods left out.
func TestGenerate(t *testing.T) {
	src, err := Generate("testdata/office", "testdata/hub")
	if err != nil {
		t.Fatal(err)
	}
	got := string(src)
	for _, want := range []string{
		"func (c *Client) Lookup(ctx context.Context, m map[string]int) (*office.Board, error) {\n\treturn invoke1[*office.Board](c, ctx, \"Lookup\", m)",
		"func (c *Client) Plain(ctx context.Context) error {\n\treturn c.invoke(ctx, \"Plain\", []any{})",
		"func (c *Client) Two(ctx context.Context, from, to time.Time) (office.Board, error) {\n\treturn invoke1[office.Board](c, ctx, \"Two\", from, to)",
		"func (c *Client) Three(ctx context.Context, cArg store.Ticket) ([]store.Ticket, int64, error) {\n\tvar r0 []store.Ticket\n\tvar r1 int64\n\terr := c.invoke(ctx, \"Three\", []any{cArg}, &r0, &r1)\n\treturn r0, r1, err",
		"\t\"context\"\n\t\"time\"\n\n\t\"loket/office\"\n\t\"loket/store\"\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing:\n%s\n--- in ---\n%s", want, got)
		}
	}
	if strings.Index(got, "Lookup") > strings.Index(got, "Plain") {
		t.Error("embedded interface not expanded in place")
	}
	for _, absent := range []string{"Stream", "Written", "NoContext"} {
		if strings.Contains(got, ") "+absent+"(") {
			t.Errorf("%s generated; it is hand-written or cannot go through /v1/call", absent)
		}
	}
}

func TestGenerateRefusesVariadic(t *testing.T) {
	if _, err := Generate("testdata/variadic", "testdata/hub"); err == nil {
		t.Fatal("variadic method accepted")
	}
}
