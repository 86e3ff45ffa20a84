package stackconfig

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// IdPType is the protocol of an identity provider.
type IdPType string

const (
	IdPSAML   IdPType = "SAML"
	IdPOIDC   IdPType = "OIDC"
	IdPGoogle IdPType = "Google"
)

// IdentityProvider is an institution's identity provider its staff sign in with on the hosted UI.
type IdentityProvider struct {
	// Name is the provider's name in the pool and on the sign-in page: 1-32 characters; a Google
	// provider must be named "Google". It is the provider's id: renaming it replaces it.
	Name string  `json:"name"`
	Type IdPType `json:"type"`
	// MetadataURL or MetadataFile (a path relative to the project) is a SAML provider's metadata.
	MetadataURL  string `json:"metadataUrl,omitempty"`
	MetadataFile string `json:"metadataFile,omitempty"`
	// Issuer is an OIDC provider's issuer URL (its discovery document lives under it).
	Issuer string `json:"issuer,omitempty"`
	// ClientID is the app registration's id at an OIDC or Google provider; its secret comes from the
	// secret config map identityProviderSecrets under the provider's name.
	ClientID string `json:"clientId,omitempty"`
	// Scopes an OIDC or Google provider is asked for; default openid email (and profile for Google).
	Scopes []string `json:"scopes,omitempty"`
	// EmailAttribute is the provider's claim that holds the user's email, which IGV needs: required for
	// SAML (e.g. http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress), "email" by default
	// for OIDC and Google.
	EmailAttribute string `json:"emailAttribute,omitempty"`
	// EmailVerifiedAttribute is the provider's claim saying the email is verified, when it has one.
	EmailVerifiedAttribute string `json:"emailVerifiedAttribute,omitempty"`
	// IdPIdentifiers are email domains (or names) by which the hosted UI routes a user to this provider.
	IdPIdentifiers []string `json:"idpIdentifiers,omitempty"`
	// EmailDomains are the domains this provider's users may have; others are refused tokens by the gate.
	// Empty admits any (for an institution's own IdP); Google requires it.
	EmailDomains []string `json:"emailDomains,omitempty"`
	// GroupsAttribute is the provider's claim carrying group names, for tiers' idpGroups.
	GroupsAttribute string `json:"groupsAttribute,omitempty"`
}

// Federation limits, from the Cognito API reference (CreateIdentityProvider; the research in
// tests/providertruth/research/cognito-identity-provider.md).
const (
	MaxIdPIdentifiers    = 50
	MaxProviderDetail    = 131072
	MaxIdentityProviders = 300 // identity providers per user pool (Cognito quota)
)

var (
	idpNamePattern       = regexp.MustCompile(`^[^_\s][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\s]{1,30}$`)
	idpIdentifierPattern = regexp.MustCompile(`^[\w\s+=.@-]{1,40}$`)
	domainPattern        = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	claimPattern         = regexp.MustCompile(`^[^\s]{1,256}$`)
	contactPattern       = regexp.MustCompile(`^([^@\s]+@[^@\s]+\.[^@\s]+|https://\S+)$`)
)

// reservedIdPNames are names Cognito gives its own providers.
var reservedIdPNames = []string{"COGNITO", "Facebook", "LoginWithAmazon", "SignInWithApple"}

func parseIdentityProviders(v string, secrets map[string]string, projectDir string, ps *problems) []IdentityProvider {
	var idps []IdentityProvider
	if err := decodeStrict(v, &idps); err != nil {
		ps.add(KeyIdentityProviders, "", "is not a list of {name, type, ...}: "+err.Error(),
			"write each provider as an object with the keys the README's Federation section lists")
		return nil
	}
	names := map[string]bool{}
	identifiers := map[string]string{}
	for i := range idps {
		p := &idps[i]
		at := func(field string) string { return fmt.Sprintf("%s[%d].%s", KeyIdentityProviders, i, field) }
		switch {
		case p.Name == "":
			ps.add(at("name"), "", "is required: the provider's name on the sign-in page", "give a name of 3 to 32 characters, e.g. Entra")
		case !idpNamePattern.MatchString(p.Name):
			ps.add(at("name"), quote(p.Name), "is not a Cognito identity provider name (3-32 characters, no underscore or space at either end, no space after the second)",
				"use a short name such as Entra or Okta")
		case slices.Contains(reservedIdPNames, p.Name) || (p.Name == "Google" && p.Type != IdPGoogle):
			ps.add(at("name"), quote(p.Name), "is the name of one of Cognito's own providers", "choose another name")
		case strings.Contains(p.Name, ":"):
			ps.add(at("name"), quote(p.Name), "holds a colon, which separates a provider from a group in tiers' idpGroups", "choose a name without a colon")
		case names[strings.ToLower(p.Name)]:
			ps.add(at("name"), quote(p.Name), "is used by two providers", "give each provider its own name")
		}
		names[strings.ToLower(p.Name)] = true

		switch p.Type {
		case IdPSAML:
			checkSAML(p, at, projectDir, ps)
		case IdPOIDC:
			checkHTTPS(at("issuer"), p.Issuer, "the issuer URL, whose /.well-known/openid-configuration Cognito reads", ps)
			if strings.HasSuffix(p.Issuer, "/") {
				ps.add(at("issuer"), quote(p.Issuer), "ends in /: Cognito compares it with the tokens' iss, which has none",
					"write it without the trailing /, e.g. https://example.okta.com")
			}
			checkClient(p, at, secrets, ps)
		case IdPGoogle:
			if p.Name != "Google" {
				ps.add(at("name"), quote(p.Name), "must be \"Google\" for a Google provider (Cognito's rule)", "name it Google")
			}
			checkClient(p, at, secrets, ps)
			if len(p.EmailDomains) == 0 {
				ps.add(at("emailDomains"), "", "is required for Google: without it, any Google account could sign in and read the data",
					"list your Google Workspace domains, e.g. [\"genomics-lab.example.org\"]")
			}
		default:
			ps.add(at("type"), quote(string(p.Type)), "is not one of SAML, OIDC, Google", "use SAML (Entra ID, Okta), OIDC or Google")
		}

		if p.EmailAttribute == "" && p.Type != IdPSAML {
			p.EmailAttribute = "email"
		}
		// Google always says whether an email is verified; the gate then refuses an unverified one.
		if p.EmailVerifiedAttribute == "" && p.Type == IdPGoogle {
			p.EmailVerifiedAttribute = "email_verified"
		}
		switch {
		case p.EmailAttribute == "":
			ps.add(at("emailAttribute"), "", "is required: IGV names the user's AWS session after the id token's email, so the provider's email claim must be mapped",
				"give the claim, for Entra ID and Okta usually http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress")
		case !claimPattern.MatchString(p.EmailAttribute):
			ps.add(at("emailAttribute"), quote(p.EmailAttribute), "is not a claim name", "give the claim's name as the provider sends it")
		}
		if p.GroupsAttribute != "" && !claimPattern.MatchString(p.GroupsAttribute) {
			ps.add(at("groupsAttribute"), quote(p.GroupsAttribute), "is not a claim name", "give the claim's name as the provider sends it")
		}

		if len(p.IdPIdentifiers) > MaxIdPIdentifiers {
			ps.add(at("idpIdentifiers"), fmt.Sprintf("%d identifiers", len(p.IdPIdentifiers)), fmt.Sprintf("are more than Cognito's %d per provider", MaxIdPIdentifiers), "list the main domains only")
		}
		for _, id := range p.IdPIdentifiers {
			switch {
			case !idpIdentifierPattern.MatchString(id):
				ps.add(at("idpIdentifiers"), quote(id), "is not an identifier Cognito accepts (1-40 letters, digits, spaces and + = . @ -)", "use an email domain such as genomics-lab.example.org")
			case identifiers[strings.ToLower(id)] != "":
				ps.add(at("idpIdentifiers"), quote(id), "is also an identifier of "+identifiers[strings.ToLower(id)], "route each domain to one provider")
			}
			identifiers[strings.ToLower(id)] = p.Name
		}
		for j, d := range p.EmailDomains {
			p.EmailDomains[j] = strings.ToLower(d)
			if !domainPattern.MatchString(p.EmailDomains[j]) {
				ps.add(at("emailDomains"), quote(d), "is not a domain name", "write the part after @, e.g. genomics-lab.example.org")
			}
		}
	}
	if len(idps) > MaxIdentityProviders {
		ps.add(KeyIdentityProviders, fmt.Sprintf("%d providers", len(idps)), fmt.Sprintf("are more than Cognito's %d per user pool", MaxIdentityProviders), "split them across stacks")
	}
	for name := range secrets {
		i := slices.IndexFunc(idps, func(p IdentityProvider) bool { return p.Name == name })
		switch {
		case i < 0:
			ps.add(KeyIdentityProviderSecrets+"."+name, "[secret]", "names no provider of identityProviders", "remove it, or fix the name")
		case idps[i].Type == IdPSAML:
			ps.add(KeyIdentityProviderSecrets+"."+name, "[secret]", "belongs to a SAML provider, which has no client secret", "remove it")
		}
	}
	return idps
}

func checkSAML(p *IdentityProvider, at func(string) string, projectDir string, ps *problems) {
	switch {
	case (p.MetadataURL == "") == (p.MetadataFile == ""):
		ps.add(at("metadataUrl"), "", "give exactly one of metadataUrl and metadataFile: the SAML provider's metadata",
			"use the federation metadata URL the IdP shows (Entra ID: App federation metadata URL)")
	case p.MetadataURL != "":
		checkHTTPS(at("metadataUrl"), p.MetadataURL, "the metadata URL, which Cognito fetches when it creates the provider", ps)
	default:
		path := p.MetadataFile
		if !filepath.IsAbs(path) {
			path = filepath.Join(projectDir, path)
		}
		// Resolved once, so that the program reads the very file this check read.
		defer func() { p.MetadataFile = path }()
		b, err := os.ReadFile(path)
		switch {
		case err != nil:
			ps.add(at("metadataFile"), quote(p.MetadataFile), "cannot be read: "+err.Error(), "give the path of the metadata XML, relative to Pulumi.yaml")
		case len(b) > MaxProviderDetail:
			ps.add(at("metadataFile"), quote(p.MetadataFile), fmt.Sprintf("is %d characters; Cognito takes at most %d", len(b), MaxProviderDetail), "use metadataUrl instead")
		case !strings.Contains(string(b), "EntityDescriptor"):
			ps.add(at("metadataFile"), quote(p.MetadataFile), "is not SAML metadata (no EntityDescriptor)", "download the IdP's federation metadata XML")
		}
	}
	for field, set := range map[string]bool{"issuer": p.Issuer != "", "clientId": p.ClientID != "", "scopes": len(p.Scopes) > 0} {
		if set {
			ps.add(at(field), "", "is for OIDC and Google providers, not SAML", "remove it")
		}
	}
}

func checkClient(p *IdentityProvider, at func(string) string, secrets map[string]string, ps *problems) {
	if p.ClientID == "" {
		ps.add(at("clientId"), "", "is required: the app registration's client id at the provider", "register an app at the provider and give its client id")
	}
	if secrets[p.Name] == "" {
		ps.add(KeyIdentityProviderSecrets+"."+p.Name, "", "is required: the client secret of provider "+p.Name+", as a Pulumi secret",
			fmt.Sprintf("pulumi config set --secret --path '%s.%s' SECRET", KeyIdentityProviderSecrets, p.Name))
	}
	if p.MetadataURL != "" || p.MetadataFile != "" {
		ps.add(at("metadataUrl"), "", "is for SAML providers", "remove it")
	}
	for _, s := range p.Scopes {
		if strings.ContainsAny(s, " \t") || s == "" {
			ps.add(at("scopes"), quote(s), "is not one scope", "list each scope on its own")
		}
	}
	if len(p.Scopes) > 0 && !slices.Contains(p.Scopes, "openid") {
		ps.add(at("scopes"), fmt.Sprint(p.Scopes), "do not ask for openid, without which the provider returns no id token", "add openid")
	}
	if len(p.Scopes) > 0 && !slices.Contains(p.Scopes, "email") {
		ps.add(at("scopes"), fmt.Sprint(p.Scopes), "do not ask for email, which IGV needs", "add email")
	}
}

func checkHTTPS(key, v, what string, ps *problems) {
	u, err := url.Parse(v)
	switch {
	case v == "":
		ps.add(key, "", "is required: "+what, "give the https:// URL")
	case err != nil || u.Scheme != "https" || u.Host == "":
		ps.add(key, quote(v), "is not an https:// URL: "+what, "give the https:// URL")
	}
}
