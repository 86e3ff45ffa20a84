package invite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

const pool = "eu-west-2_AbCdEf123"

// call is one request the fake Cognito received: its operation and JSON body.
type call struct {
	Op   string
	Body map[string]any
}

// fakeCognito answers the user pools API's JSON protocol with canned responses per operation, and
// records the requests exactly as the SDK sent them.
type fakeCognito struct {
	mu        sync.Mutex
	calls     []call
	responses map[string][]string // operation -> responses in order; "ERR:Type" for an error
}

func (f *fakeCognito) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AWSCognitoIdentityProviderService.")
	b, _ := io.ReadAll(r.Body)
	var body map[string]any
	_ = json.Unmarshal(b, &body)
	f.mu.Lock()
	f.calls = append(f.calls, call{op, body})
	var resp string
	if rs := f.responses[op]; len(rs) > 0 {
		resp, f.responses[op] = rs[0], rs[1:]
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	if typ, ok := strings.CutPrefix(resp, "ERR:"); ok {
		name, msg, _ := strings.Cut(typ, ":")
		w.Header().Set("X-Amzn-ErrorType", name)
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"__type": name, "message": msg})
		return
	}
	if resp == "" {
		resp = "{}"
	}
	_, _ = io.WriteString(w, resp)
}

func newFake(t *testing.T, responses map[string][]string) (*fakeCognito, Client) {
	t.Helper()
	f := &fakeCognito{responses: responses}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	client := cip.New(cip.Options{
		Region:           "eu-west-2",
		BaseEndpoint:     aws.String(srv.URL),
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		RetryMaxAttempts: 1,
	})
	return f, client
}

func user(email string, modified time.Time) map[string]any {
	return changedUser(email, modified, modified)
}

func changedUser(email string, created, modified time.Time) map[string]any {
	return map[string]any{
		"Username":             "5f0c8a8e-2b8e-4d53-9f6a-" + strings.Repeat("0", 12),
		"Attributes":           []map[string]string{{"Name": "sub", "Value": "5f0c8a8e"}, {"Name": "email", "Value": email}},
		"UserCreateDate":       float64(created.Unix()),
		"UserLastModifiedDate": float64(modified.Unix()),
		"UserStatus":           "FORCE_CHANGE_PASSWORD",
		"Enabled":              true,
	}
}

func page(token string, users ...map[string]any) string {
	m := map[string]any{"Users": users}
	if token != "" {
		m["PaginationToken"] = token
	}
	b, _ := json.Marshal(m)
	return string(b)
}

var now = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func TestResendIsAdminCreateUserWithMessageActionResendByEmail(t *testing.T) {
	f, c := newFake(t, nil)
	if err := Resend(context.Background(), c, pool, "Jane.Doe@genomics-lab.example.org"); err != nil {
		t.Fatal(err)
	}
	want := call{"AdminCreateUser", map[string]any{
		"UserPoolId":             pool,
		"Username":               "jane.doe@genomics-lab.example.org",
		"MessageAction":          "RESEND",
		"DesiredDeliveryMediums": []any{"EMAIL"},
	}}
	if len(f.calls) != 1 || !equalJSON(f.calls[0], want) {
		t.Errorf("requests = %+v, want exactly %+v", f.calls, want)
	}
}

func TestListPendingFiltersOnStatusFollowsEveryPageAndSortsOldestFirst(t *testing.T) {
	f, c := newFake(t, map[string][]string{"ListUsers": {
		page("token-2", user("raj.patel@genomics-lab.example.org", now.Add(-2*24*time.Hour))),
		page("", user("jane.doe@genomics-lab.example.org", now.Add(-9*24*time.Hour)),
			changedUser("li.wei@genomics-lab.example.org", now.Add(-12*24*time.Hour), now.Add(-1*24*time.Hour))),
	}})
	got, err := ListPending(context.Background(), c, pool, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []call{
		{"ListUsers", map[string]any{"UserPoolId": pool, "Filter": `cognito:user_status = "FORCE_CHANGE_PASSWORD"`, "Limit": 60}},
		{"ListUsers", map[string]any{"UserPoolId": pool, "Filter": `cognito:user_status = "FORCE_CHANGE_PASSWORD"`, "Limit": 60, "PaginationToken": "token-2"}},
	}
	if !equalJSON(f.calls, want) {
		t.Errorf("requests = %+v, want exactly %+v", f.calls, want)
	}
	var order, states []string
	for _, p := range got {
		order = append(order, p.Email)
		states = append(states, p.TemporaryPassword)
	}
	if !equalJSON(order, []string{"li.wei@genomics-lab.example.org", "jane.doe@genomics-lab.example.org", "raj.patel@genomics-lab.example.org"}) {
		t.Errorf("order = %v, want the oldest first", order)
	}
	// Jane: invited 9 days ago, expired. Li: created 12 days ago, changed yesterday: valid only if that
	// was a resend. Raj: 2 days, valid.
	if !equalJSON(states, []string{PasswordUnclear, PasswordExpired, PasswordValid}) {
		t.Errorf("temporary passwords = %v", states)
	}
}

func TestResendingToAUserWhoSignedInSaysWhatToDoInstead(t *testing.T) {
	_, c := newFake(t, map[string][]string{"AdminCreateUser": {"ERR:UnsupportedUserStateException:Resend not possible. status is not FORCE_CHANGE_PASSWORD"}})
	err := Resend(context.Background(), c, pool, "jane.doe@genomics-lab.example.org")
	if !errors.Is(err, ErrNotPending) {
		t.Errorf("err = %v, want ErrNotPending", err)
	}
}

func TestResendingBeyondTheDailyLimitSaysWhy(t *testing.T) {
	_, c := newFake(t, map[string][]string{"AdminCreateUser": {"ERR:LimitExceededException:Exceeded daily email limit for the operation or the account."}})
	err := Resend(context.Background(), c, pool, "jane.doe@genomics-lab.example.org")
	if err == nil || !strings.Contains(err.Error(), "50 emails") || !strings.Contains(err.Error(), "emailSender") {
		t.Errorf("err = %v, want the daily limit and the fix", err)
	}
}

func TestResendingToAnUnknownUserSaysToAddIt(t *testing.T) {
	_, c := newFake(t, map[string][]string{"AdminCreateUser": {"ERR:UserNotFoundException:User does not exist."}})
	err := Resend(context.Background(), c, pool, "nobody@genomics-lab.example.org")
	if err == nil || !strings.Contains(err.Error(), "add it to the stack's users") {
		t.Errorf("err = %v", err)
	}
}

func deps(c Client, outputs map[string]string) Deps {
	return Deps{
		NewClient: func(context.Context, string) (Client, error) { return c, nil },
		StackOutput: func(_ context.Context, stack, output string) (string, error) {
			if v, ok := outputs[stack+"/"+output]; ok {
				return v, nil
			}
			return "", errors.New("no such stack")
		},
		Now: func() time.Time { return now },
	}
}

func TestTheCommandResendsThenListsForAStack(t *testing.T) {
	f, c := newFake(t, map[string][]string{"ListUsers": {page("", user("jane.doe@genomics-lab.example.org", now.Add(-10*24*time.Hour)))}})
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), []string{"-stack", "prod", "-email", "jane.doe@genomics-lab.example.org"}, &stdout, &stderr,
		deps(c, map[string]string{"prod/userPoolId": pool}))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if len(f.calls) != 2 || f.calls[0].Op != "AdminCreateUser" || f.calls[1].Op != "ListUsers" || f.calls[0].Body["UserPoolId"] != pool {
		t.Errorf("calls = %+v", f.calls)
	}
	if !strings.Contains(stderr.String(), "resent the invitation of jane.doe@genomics-lab.example.org") {
		t.Errorf("stderr = %q", stderr.String())
	}
	if !strings.Contains(stdout.String(), "jane.doe@genomics-lab.example.org") || !strings.Contains(stdout.String(), "10d ago") ||
		!strings.Contains(stdout.String(), "expired: resend with -email") {
		t.Errorf("stdout = %q", stdout.String())
	}
}

func TestTheCommandPrintsJSONForScripts(t *testing.T) {
	_, c := newFake(t, map[string][]string{"ListUsers": {page("", user("raj.patel@genomics-lab.example.org", now.Add(-8*24*time.Hour)))}})
	var stdout, stderr bytes.Buffer
	if code := Main(context.Background(), []string{"-user-pool-id", pool, "-json"}, &stdout, &stderr, deps(c, nil)); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var got []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout.String())
	}
	if len(got) != 1 || got[0]["email"] != "raj.patel@genomics-lab.example.org" || got[0]["temporaryPassword"] != "expired" ||
		got[0]["created"] != "2026-11-22T09:00:00Z" {
		t.Errorf("JSON = %v", got)
	}
}

func TestTheCommandRefusesBadUsageAndReportsFailures(t *testing.T) {
	_, c := newFake(t, nil)
	var stdout, stderr bytes.Buffer
	if code := Main(context.Background(), nil, &stdout, &stderr, deps(c, nil)); code != 2 {
		t.Errorf("no stack and no pool: exit %d, want 2", code)
	}
	if code := Main(context.Background(), []string{"-stack", "prod", "-user-pool-id", pool}, &stdout, &stderr, deps(c, nil)); code != 2 {
		t.Errorf("both: exit %d, want 2", code)
	}
	stderr.Reset()
	if code := Main(context.Background(), []string{"-stack", "staging"}, &stdout, &stderr, deps(c, nil)); code != 1 ||
		!strings.Contains(stderr.String(), "staging") || !strings.Contains(stderr.String(), "-user-pool-id") {
		t.Errorf("unknown stack: exit %d, stderr %q", code, stderr.String())
	}
	if code := Main(context.Background(), []string{"-user-pool-id", "not-a-pool"}, &stdout, &stderr, deps(c, nil)); code != 1 {
		t.Errorf("bad pool id: exit %d, want 1", code)
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
