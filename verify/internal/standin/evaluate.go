package standin

import (
	"fmt"
	"sort"
	"strings"

	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
)

// Policy source types, as IAM's policy simulator reports them.
const (
	sourceInline   = "role"
	sourceManaged  = "user-managed"
	sourceResource = "resource"
	sourceBoundary = "permissions-boundary"
)

// matchedStatement is a statement that applied to a request.
type matchedStatement struct {
	policyID, policyType string
}

// evaluation is IAM's decision on one action on one resource by one role, with why.
type evaluation struct {
	decision iamsim.Decision
	// deniedIn says which kind of policy denied explicitly, for AccessDenied messages.
	deniedIn string
	matched  []matchedStatement
	missing  []string
}

// evalRequest is one request to evaluate.
type evalRequest struct {
	role *Role
	// principals are the ARNs a resource policy may name for the caller: the role, and for a session
	// its assumed-role ARN.
	principals     []string
	action         string
	resource       string
	resourcePolicy *policies.Document
	context        map[string][]string
}

// evaluate decides like IAM within one account: allowed when an identity policy (within the
// permissions boundary, when one is known) or the resource policy allows the request, unless
// anything denies it explicitly. Each statement is put to policies/iamsim on its own so the answer can
// name the statements that matched, as the policy simulator does.
func evaluate(req evalRequest) (evaluation, error) {
	var ev evaluation
	identityAllowed, resourceAllowed, boundaryAllowed := false, false, false

	type source struct {
		id, typ string
		doc     policies.Document
	}
	var sources []source
	if req.role != nil {
		names := make([]string, 0, len(req.role.Policies))
		for name := range req.role.Policies {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			typ, id := sourceInline, name
			if strings.HasPrefix(name, "arn:") {
				typ, id = sourceManaged, name[strings.LastIndex(name, "/")+1:]
			}
			sources = append(sources, source{id, typ, req.role.Policies[name]})
		}
		if req.role.Boundary != nil {
			sources = append(sources, source{"PermissionsBoundary", sourceBoundary, *req.role.Boundary})
		}
	}
	if req.resourcePolicy != nil {
		sources = append(sources, source{"ResourcePolicy", sourceResource, *req.resourcePolicy})
	}

	missing := map[string]bool{}
	for _, src := range sources {
		principals := []string{""}
		if src.typ == sourceResource {
			principals = req.principals
		}
		for _, st := range src.doc.Statement {
			dec, err := decideStatement(st, req, principals)
			if err != nil {
				return ev, fmt.Errorf("%s %s: %w", src.typ, src.id, err)
			}
			if dec != iamsim.ImplicitDeny {
				ev.matched = append(ev.matched, matchedStatement{src.id, src.typ})
			}
			switch {
			case dec == iamsim.ExplicitDeny && ev.deniedIn == "":
				ev.deniedIn = map[string]string{sourceResource: "resource-based policy",
					sourceBoundary: "permissions boundary"}[src.typ]
				if ev.deniedIn == "" {
					ev.deniedIn = "identity-based policy"
				}
			case dec == iamsim.Allowed && src.typ == sourceResource:
				resourceAllowed = true
			case dec == iamsim.Allowed && src.typ == sourceBoundary:
				boundaryAllowed = true
			case dec == iamsim.Allowed:
				identityAllowed = true
			}
			// A statement that would apply but for a condition key the request lacks: the simulator
			// reports the key as missing.
			unconditioned := st
			unconditioned.Condition = nil
			if d, _ := decideStatement(unconditioned, req, principals); d != iamsim.ImplicitDeny {
				for _, keys := range st.Condition {
					for key := range keys {
						if !hasKey(req.context, key) {
							missing[key] = true
						}
					}
				}
			}
		}
	}
	for k := range missing {
		ev.missing = append(ev.missing, k)
	}
	sort.Strings(ev.missing)

	withinBoundary := req.role == nil || req.role.Boundary == nil || boundaryAllowed
	switch {
	case ev.deniedIn != "":
		ev.decision = iamsim.ExplicitDeny
	case identityAllowed && withinBoundary, resourceAllowed:
		ev.decision = iamsim.Allowed
	default:
		ev.decision = iamsim.ImplicitDeny
	}
	return ev, nil
}

// decideStatement puts one statement to iamsim, once per principal the caller may be named by.
func decideStatement(st policies.Statement, req evalRequest, principals []string) (iamsim.Decision, error) {
	doc := []policies.Document{policies.New(st)}
	result := iamsim.ImplicitDeny
	for _, p := range principals {
		r := iamsim.Request{Action: req.action, Resource: req.resource, Context: req.context}
		if p != "" {
			r.PrincipalType, r.Principal = "AWS", p
		}
		dec, err := iamsim.Evaluate(doc, r)
		if err != nil {
			return "", err
		}
		if dec != iamsim.ImplicitDeny {
			result = dec
		}
	}
	return result, nil
}

func hasKey(ctx map[string][]string, key string) bool {
	for k := range ctx {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// deniedMessage is IAM's AccessDenied text for a refused request.
func deniedMessage(who, action, resource string, ev evaluation) string {
	if ev.deniedIn != "" {
		return fmt.Sprintf("User: %s is not authorized to perform: %s on resource: %s with an explicit deny in a %s",
			who, action, resource, ev.deniedIn)
	}
	return fmt.Sprintf("User: %s is not authorized to perform: %s on resource: %s because no identity-based policy allows the %s action",
		who, action, resource, action)
}

// authorizeSession evaluates a request of an IGV user's session, with the session's condition keys
// added to the request's own.
func (d *Deployment) authorizeSession(s *session, action, resource string, resourcePolicy *policies.Document,
	ctx map[string][]string) (evaluation, error) {
	role := d.Roles[s.roleARN]
	if role == nil {
		// The role was deleted after the session began: nothing grants it anything any more.
		return evaluation{decision: iamsim.ImplicitDeny}, nil
	}
	full := s.context(d, role)
	for k, v := range ctx {
		full[k] = v
	}
	return evaluate(evalRequest{
		role: role, principals: []string{role.ARN, s.arn(d)},
		action: action, resource: resource, resourcePolicy: resourcePolicy, context: full,
	})
}
