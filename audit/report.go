package audit

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Row is what one identity read of one object in one session.
type Row struct {
	// IdentityID is the Cognito identity id, from the read's own event: what can be trusted.
	IdentityID string `json:"identityId"`
	// ClaimedEmail is the session name the login asked for (IGV sends the user's email): a claim.
	// Empty when the login is not in the scanned logs (Matched false).
	ClaimedEmail string `json:"claimedEmail"`
	// SessionName is the session name in the read's own event.
	SessionName string `json:"sessionName"`
	// AccessKeyID names the session (the credentials STS issued at login).
	AccessKeyID string `json:"accessKeyId"`
	// Principal is the reader's ARN: the IGV role's session, or any other principal that read.
	Principal string    `json:"principal"`
	Object    string    `json:"object"`
	First     time.Time `json:"first"`
	Last      time.Time `json:"last"`
	Reads     int       `json:"reads"`
	Bytes     int64     `json:"bytes"`
	// Matched: the session's login was found, so ClaimedEmail is the login's.
	Matched bool `json:"matched"`
}

// Flag is a possible impersonation: an identity that used more than one session name, or a session name
// used by more than one identity.
type Flag struct {
	Kind   string   `json:"kind"` // "identity with several names" or "name of several identities"
	Who    string   `json:"who"`
	Others []string `json:"others"`
}

// Report is the result of a scan.
type Report struct {
	Rows  []Row  `json:"rows"`
	Flags []Flag `json:"flags"`
	// Files and Records scanned, Logins and Reads found; what was skipped and why.
	Files     int `json:"files"`
	Records   int `json:"records"`
	Logins    int `json:"logins"`
	Reads     int `json:"reads"`
	Unmatched int `json:"unmatchedReads"`
	// Denied counts read attempts AWS refused (AccessDenied and the like): not in the rows.
	Denied         int      `json:"deniedReads"`
	SkippedFiles   int      `json:"skippedFiles"`
	SkippedRecords int      `json:"skippedRecords"`
	Problems       []string `json:"problems,omitempty"`
}

type login struct {
	identityID, claimed string
}

type rowKey struct {
	identityID, session, accessKey, principal, object string
}

// builder aggregates a stream of records; its memory grows with sessions and objects, not with events.
type builder struct {
	q      Query
	report Report
	logins map[string]login // by access key id
	rows   map[rowKey]*Row
}

func newBuilder(q Query) *builder {
	return &builder{q: q, logins: map[string]login{}, rows: map[rowKey]*Row{}}
}

func (b *builder) add(r *record) {
	b.report.Records++
	switch {
	case r.isLogin():
		// Logins from the look-back before the window count: they issued the window's sessions.
		if r.EventTime.Before(b.q.From.Add(-b.q.Lookback)) || r.EventTime.After(b.q.To) {
			return
		}
		b.report.Logins++
		b.logins[r.ResponseElements.Credentials.AccessKeyID] = login{
			identityID: r.ResponseElements.SubjectFromWebIdentityToken,
			claimed:    r.RequestParameters.RoleSessionName,
		}
	case r.isRead():
		if r.EventTime.Before(b.q.From) || r.EventTime.After(b.q.To) {
			return
		}
		obj := r.object()
		if b.q.Object != "" && obj != b.q.Object {
			return
		}
		if r.ErrorCode != "" {
			b.report.Denied++
			return
		}
		b.report.Reads++
		id := r.UserIdentity.SessionContext.WebIDFederationData.Attributes[attrIdentityID]
		k := rowKey{identityID: id, session: sessionName(r.UserIdentity.ARN), accessKey: r.UserIdentity.AccessKeyID,
			principal: r.UserIdentity.ARN, object: obj}
		row := b.rows[k]
		if row == nil {
			row = &Row{IdentityID: k.identityID, SessionName: k.session, AccessKeyID: k.accessKey, Principal: k.principal, Object: obj, First: r.EventTime}
			b.rows[k] = row
		}
		row.Reads++
		row.Bytes += int64(r.AdditionalEventData.BytesTransferredOut)
		if r.EventTime.Before(row.First) {
			row.First = r.EventTime
		}
		if r.EventTime.After(row.Last) {
			row.Last = r.EventTime
		}
	}
}

// finish joins reads to logins, filters, flags and sorts.
func (b *builder) finish() *Report {
	namesOf := map[string]map[string]bool{}      // identity id -> names used
	identitiesOf := map[string]map[string]bool{} // name -> identity ids
	note := func(m map[string]map[string]bool, k, v string) {
		if k == "" || v == "" {
			return
		}
		if m[k] == nil {
			m[k] = map[string]bool{}
		}
		m[k][v] = true
	}
	for _, row := range b.rows {
		if l, ok := b.logins[row.AccessKeyID]; ok {
			row.Matched, row.ClaimedEmail = true, l.claimed
			if row.IdentityID == "" {
				row.IdentityID = l.identityID
			}
		} else {
			b.report.Unmatched += row.Reads
		}
		name := row.ClaimedEmail
		if name == "" {
			name = row.SessionName
		}
		note(namesOf, row.IdentityID, strings.ToLower(name))
		note(identitiesOf, strings.ToLower(name), row.IdentityID)
	}
	// A user is who logged in under that name: their identity ids (trusted) are reported whatever name
	// their sessions used, along with any session that used the name.
	users := map[string]bool{}
	for _, l := range b.logins {
		if b.q.User != "" && strings.EqualFold(l.claimed, b.q.User) {
			users[l.identityID] = true
		}
	}
	for _, row := range b.rows {
		if b.q.User == "" || users[row.IdentityID] || matchesUser(b.q, row.ClaimedEmail, row.SessionName) {
			b.report.Rows = append(b.report.Rows, *row)
		}
	}
	for _, l := range b.logins {
		note(namesOf, l.identityID, strings.ToLower(l.claimed))
		note(identitiesOf, strings.ToLower(l.claimed), l.identityID)
	}
	b.report.Flags = append(flags("identity with several names", namesOf), flags("name of several identities", identitiesOf)...)
	sort.Slice(b.report.Rows, func(i, j int) bool {
		a, c := b.report.Rows[i], b.report.Rows[j]
		if !a.First.Equal(c.First) {
			return a.First.Before(c.First)
		}
		return fmt.Sprint(a.IdentityID, a.Object, a.AccessKeyID) < fmt.Sprint(c.IdentityID, c.Object, c.AccessKeyID)
	})
	if b.report.Rows == nil {
		b.report.Rows = []Row{}
	}
	if b.report.Flags == nil {
		b.report.Flags = []Flag{}
	}
	return &b.report
}

func flags(kind string, m map[string]map[string]bool) []Flag {
	var out []Flag
	for who, set := range m {
		if len(set) < 2 {
			continue
		}
		others := make([]string, 0, len(set))
		for o := range set {
			others = append(others, o)
		}
		slices.Sort(others)
		out = append(out, Flag{Kind: kind, Who: who, Others: others})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Who < out[j].Who })
	return out
}

// Write prints the report as a table, CSV or JSON.
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"identity_id", "claimed_email", "session_name", "access_key_id", "principal", "object", "first", "last", "reads", "bytes", "matched"})
		for _, row := range r.Rows {
			_ = cw.Write([]string{row.IdentityID, row.ClaimedEmail, row.SessionName, row.AccessKeyID, row.Principal, row.Object,
				row.First.UTC().Format(time.RFC3339), row.Last.UTC().Format(time.RFC3339),
				fmt.Sprint(row.Reads), fmt.Sprint(row.Bytes), fmt.Sprint(row.Matched)})
		}
		cw.Flush()
		return cw.Error()
	case "table", "":
		tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "IDENTITY\tCLAIMED EMAIL\tOBJECT\tFIRST\tLAST\tREADS\tBYTES\tSESSION")
		for _, row := range r.Rows {
			claimed := row.ClaimedEmail
			switch {
			case row.IdentityID == "":
				claimed = "(not an IGV session: " + row.Principal + ")"
			case !row.Matched:
				claimed = "(login not in the logs; session " + row.SessionName + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", row.IdentityID, claimed, row.Object,
				row.First.UTC().Format("2006-01-02 15:04:05"), row.Last.UTC().Format("2006-01-02 15:04:05"), row.Reads, row.Bytes, row.AccessKeyID)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, f := range r.Flags {
			fmt.Fprintf(w, "POSSIBLE IMPERSONATION: %s %s: %s\n", f.Kind, f.Who, strings.Join(f.Others, ", "))
		}
		return nil
	}
	return fmt.Errorf("unknown format %q: use table, csv or json", format)
}
