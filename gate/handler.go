package gate

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"sync"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// ClientNames resolves an app client id to the client's name.
type ClientNames interface {
	Name(ctx context.Context, userPoolID, clientID string) (string, error)
}

// Handler is the Lambda function: it resolves the event's client, decides, logs why, and refuses by
// returning an error, which makes Cognito refuse the tokens.
type Handler struct {
	Policy  Policy
	Clients ClientNames
	// Log receives one JSON line per decision (CloudWatch Logs in Lambda).
	Log io.Writer
}

// logLine is what the function logs: enough to answer "why was this user refused", no tokens.
type logLine struct {
	Allow     bool     `json:"allow"`
	Reason    string   `json:"reason"`
	Source    string   `json:"triggerSource"`
	ClientID  string   `json:"clientId"`
	Client    string   `json:"client,omitempty"`
	Tier      string   `json:"tier,omitempty"`
	User      string   `json:"user"`
	Sub       string   `json:"sub,omitempty"`
	Providers []string `json:"providers,omitempty"`
}

// Handle is the pre token generation trigger.
func (h *Handler) Handle(ctx context.Context, ev events.CognitoEventUserPoolsPreTokenGen) (events.CognitoEventUserPoolsPreTokenGen, error) {
	signedInThrough, _ := providers(ev.Request.UserAttributes["identities"])
	line := logLine{Source: ev.TriggerSource, ClientID: ev.CallerContext.ClientID, User: ev.UserName,
		Sub: ev.Request.UserAttributes["sub"], Providers: signedInThrough}
	name, err := h.Clients.Name(ctx, ev.UserPoolID, ev.CallerContext.ClientID)
	if err != nil {
		// Fail closed: without knowing the client, the gate cannot know the tier.
		line.Reason = "resolving the app client: " + err.Error()
		h.log(line)
		return ev, errors.New("IGV access could not be checked just now: try again in a minute, or ask " + h.Policy.Contact + ".")
	}
	d := Decide(h.Policy, name, ev)
	line.Allow, line.Reason, line.Client, line.Tier = d.Allow, d.Reason, name, h.Policy.Clients[name].Tier
	h.log(line)
	if !d.Allow {
		return ev, errors.New(d.Message)
	}
	return ev, nil
}

func (h *Handler) log(l logLine) {
	if h.Log == nil {
		return
	}
	b, _ := json.Marshal(l)
	_, _ = h.Log.Write(append(b, '\n'))
}

// ListClientsAPI is the part of the Cognito user pool API the resolver calls.
type ListClientsAPI interface {
	ListUserPoolClients(ctx context.Context, in *cip.ListUserPoolClientsInput, opts ...func(*cip.Options)) (*cip.ListUserPoolClientsOutput, error)
}

// PoolClients resolves client ids with ListUserPoolClients, which returns names and ids only (never a
// secret), and keeps the answer for the life of the function's container; an id it does not know makes
// it ask again, so a client added by a later deployment is found.
type PoolClients struct {
	API   ListClientsAPI
	mu    sync.Mutex
	names map[string]string
}

// Name returns the client's name, or "" when the pool has no such client.
func (p *PoolClients) Name(ctx context.Context, userPoolID, clientID string) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if name, ok := p.names[clientID]; ok {
		return name, nil
	}
	names := map[string]string{}
	pages := cip.NewListUserPoolClientsPaginator(p.API, &cip.ListUserPoolClientsInput{UserPoolId: aws.String(userPoolID), MaxResults: aws.Int32(60)})
	for pages.HasMorePages() {
		out, err := pages.NextPage(ctx)
		if err != nil {
			return "", err
		}
		for _, c := range out.UserPoolClients {
			names[aws.ToString(c.ClientId)] = aws.ToString(c.ClientName)
		}
	}
	p.names = names
	return names[clientID], nil
}
