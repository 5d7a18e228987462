package office

import "time"

// Now is the office's clock (the store's): the hub's visitor pages take
// their "today" from it, so a phone link expires on the same business day
// as the ticket, whatever clock the store runs on.
func (l *Local) Now() time.Time { return l.st.Now() }
