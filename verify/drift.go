package verify

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	idptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// facts are settings as comparable text, keyed by the provider's input path (the synth's names), so that
// what AWS holds and what the stack sets compare key by key.
type facts map[string]string

func list[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	sort.Strings(s)
	return strings.Join(s, ",")
}

// userPoolFacts are the user pool settings that decide who can sign in and how.
func userPoolFacts(p *idptypes.UserPoolType) facts {
	f := facts{
		"mfaConfiguration":   string(p.MfaConfiguration),
		"deletionProtection": string(p.DeletionProtection),
		"usernameAttributes": list(p.UsernameAttributes),
	}
	if p.AdminCreateUserConfig != nil {
		f["adminCreateUserConfig.allowAdminCreateUserOnly"] = fmt.Sprint(p.AdminCreateUserConfig.AllowAdminCreateUserOnly)
	}
	if p.Policies != nil && p.Policies.PasswordPolicy != nil {
		f["passwordPolicy.minimumLength"] = fmt.Sprint(aws.ToInt32(p.Policies.PasswordPolicy.MinimumLength))
	}
	mode := "OFF" // Cognito leaves the add-ons out when threat protection was never set
	if p.UserPoolAddOns != nil && p.UserPoolAddOns.AdvancedSecurityMode != "" {
		mode = string(p.UserPoolAddOns.AdvancedSecurityMode)
	}
	f["userPoolAddOns.advancedSecurityMode"] = mode
	return f
}

// clientFacts are the app client settings IGV's login depends on.
func clientFacts(c *idptypes.UserPoolClientType) facts {
	return facts{
		"allowedOauthFlows":               list(c.AllowedOAuthFlows),
		"allowedOauthFlowsUserPoolClient": fmt.Sprint(aws.ToBool(c.AllowedOAuthFlowsUserPoolClient)),
		"allowedOauthScopes":              list(c.AllowedOAuthScopes),
		"callbackUrls":                    list(c.CallbackURLs),
		"supportedIdentityProviders":      list(c.SupportedIdentityProviders),
		"readAttributes":                  list(c.ReadAttributes),
		"explicitAuthFlows":               list(c.ExplicitAuthFlows),
		"generateSecret":                  fmt.Sprint(aws.ToString(c.ClientSecret) != ""),
		"preventUserExistenceErrors":      string(c.PreventUserExistenceErrors),
	}
}

// invariantUserPool and invariantClient are what every deployment of the stack sets, whatever its
// config: compared when verify runs without -stack.
var (
	invariantUserPool = facts{"adminCreateUserConfig.allowAdminCreateUserOnly": "true"}
	invariantClient   = facts{
		"allowedOauthFlows": "code", "allowedOauthFlowsUserPoolClient": "true",
		"readAttributes": "email,email_verified", "supportedIdentityProviders": "COGNITO",
	}
)

// factsFromInputs reads the same settings from a resource's inputs as the stack registers them.
func factsFromInputs(inputs map[string]any, keys []string) facts {
	f := facts{}
	for _, key := range keys {
		v, ok := lookupPath(inputs, key)
		if !ok {
			continue
		}
		switch x := v.(type) {
		case []any:
			s := make([]string, len(x))
			for i, e := range x {
				s[i] = fmt.Sprint(e)
			}
			sort.Strings(s)
			f[key] = strings.Join(s, ",")
		case float64:
			f[key] = fmt.Sprint(int64(x))
		default:
			f[key] = fmt.Sprint(x)
		}
	}
	if _, ok := inputs["generateSecret"]; ok && slices.Contains(keys, "generateSecret") {
		f["generateSecret"] = fmt.Sprint(inputs["generateSecret"] == true)
	}
	return f
}

func lookupPath(m map[string]any, path string) (any, bool) {
	var v any = m
	for _, part := range strings.Split(path, ".") {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = mm[part]; !ok {
			return nil, false
		}
	}
	return v, true
}

// drifted lists every expected fact that AWS holds differently, in key order.
func drifted(what string, want, have facts) []string {
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		if have[k] != want[k] {
			out = append(out, fmt.Sprintf("%s %s is %q, the stack sets %q", what, k, have[k], want[k]))
		}
	}
	return out
}

func keysOf(f facts) []string {
	out := make([]string, 0, len(f))
	for k := range f {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
