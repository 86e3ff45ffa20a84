package standin

import (
	"net/http"
	"slices"
)

// Call is one request the deployment answered, for tests to assert exactly what was sent.
type Call struct {
	// Service is one of the Service constants; Operation the API operation ("GetId",
	// "AssumeRoleWithWebIdentity", "GetObject", "Token", ...) or, for CloudFront, the HTTP method.
	Service   string
	Operation string
	Host      string
	Method    string
	Path      string
	// RawQuery is the query exactly as sent: IGV appends scope raw, so its encoding matters.
	RawQuery string
	// Header is the request's headers, e.g. Accept-Encoding of a config fetch.
	Header http.Header
	// AccessKeyID is the key id of the request's SigV4 credential, "" when unsigned.
	AccessKeyID string
	// Params are the operation's parameters as sent: for example "Logins" (the keys), "RoleArn",
	// "RoleSessionName", "ActionNames", "ResourceArns", "ContextEntries" ("key=value"), or the query and
	// form fields of the hosted UI.
	Params map[string][]string
	Status int
	// Error is the AWS or OAuth error code answered, "" on success.
	Error string
}

// Calls returns every request answered so far, in order.
func (d *Deployment) Calls() []Call {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.calls)
}

// CallsTo returns the requests of one operation (Call.Operation), in order.
func (d *Deployment) CallsTo(operation string) []Call {
	var out []Call
	for _, c := range d.Calls() {
		if c.Operation == operation {
			out = append(out, c)
		}
	}
	return out
}

// ResetCalls forgets the requests answered so far.
func (d *Deployment) ResetCalls() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = nil
}

func (c *Call) param(name string, values ...string) {
	c.Params[name] = append(c.Params[name], values...)
}
