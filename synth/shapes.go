package synth

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	mixedAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	hexDigits  = "0123456789abcdef"
)

// token derives n characters of alphabet from the resource's URN and a purpose, so that every run
// gives every resource the same id, and different resources different ids.
func token(urn, purpose, alphabet string, n int) string {
	var b strings.Builder
	for counter := 0; b.Len() < n; counter++ {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%d", urn, purpose, counter)))
		for _, c := range sum {
			if b.Len() == n {
				break
			}
			b.WriteByte(alphabet[int(c)%len(alphabet)])
		}
	}
	return b.String()
}

func uuid(urn, purpose string) string {
	h := token(urn, purpose, hexDigits, 32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// autoName imitates Pulumi's auto-naming: the logical name plus a dash and seven random hex digits.
func autoName(name, urn string) string { return name + "-" + token(urn, "autoname", hexDigits, 7) }

// Shape returns the id and output state AWS would give the resource. Outputs start as a copy of the
// inputs, as the provider echoes them, plus the computed attributes downstream resources read. The
// ids derive from the URN: a caller that creates the same URN twice (a replacement) varies the URN it
// passes. The lifecycle suite's provider double answers with the same shapes as the mocks.
func Shape(typ, name, urn, region string, inputs resource.PropertyMap) (string, resource.PropertyMap) {
	state := inputs.Copy()
	str := func(k string) string {
		if v, ok := inputs[resource.PropertyKey(k)]; ok {
			for v.IsSecret() {
				v = v.SecretValue().Element
			}
			if v.IsString() {
				return v.StringValue()
			}
		}
		return ""
	}
	set := func(k string, v any) { state[resource.PropertyKey(k)] = resource.NewPropertyValue(v) }
	nameOrAuto := func() string {
		if n := str("name"); n != "" {
			return n
		}
		n := autoName(name, urn)
		set("name", n)
		return n
	}
	path := func() string {
		if p := str("path"); p != "" {
			return p
		}
		set("path", "/")
		return "/"
	}

	var id string
	switch typ {
	case "aws:cognito/userPool:UserPool":
		id = region + "_" + token(urn, "id", mixedAlnum, 9)
		set("arn", fmt.Sprintf("arn:aws:cognito-idp:%s:%s:userpool/%s", region, Account, id))
		set("endpoint", fmt.Sprintf("cognito-idp.%s.amazonaws.com/%s", region, id))
		nameOrAuto()
	case "aws:cognito/userPoolClient:UserPoolClient":
		id = token(urn, "id", lowerAlnum, 26)
		secret := ""
		if v, ok := inputs["generateSecret"]; ok && v.IsBool() && v.BoolValue() {
			secret = token(urn, "secret", lowerAlnum, 51)
		}
		set("clientSecret", secret)
	case "aws:cognito/userPoolDomain:UserPoolDomain":
		id = str("domain")
		set("cloudfrontDistribution", "d"+token(urn, "cdn", lowerAlnum, 13)+".cloudfront.net")
		set("awsAccountId", Account)
	case "aws:cognito/user:User":
		id = str("userPoolId") + "/" + str("username")
		set("sub", uuid(urn, "sub"))
		set("status", "FORCE_CHANGE_PASSWORD")
	case "aws:cognito/identityPool:IdentityPool":
		id = region + ":" + uuid(urn, "id")
		set("arn", fmt.Sprintf("arn:aws:cognito-identity:%s:%s:identitypool/%s", region, Account, id))
	case "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment":
		id = str("identityPoolId")
	case "aws:iam/role:Role":
		id = nameOrAuto()
		set("arn", fmt.Sprintf("arn:aws:iam::%s:role%s%s", Account, path(), id))
		set("uniqueId", "AROA"+token(urn, "unique", upperAlnum, 17))
	case "aws:iam/policy:Policy":
		n := nameOrAuto()
		id = fmt.Sprintf("arn:aws:iam::%s:policy%s%s", Account, path(), n)
		set("arn", id)
		set("policyId", "ANPA"+token(urn, "unique", upperAlnum, 17))
	case "aws:iam/rolePolicy:RolePolicy":
		id = str("role") + ":" + nameOrAuto()
	case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
		id = str("role") + "-" + token(urn, "id", hexDigits, 20)
	case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
		id = fmt.Sprintf("arn:aws:iam::%s:oidc-provider/%s", Account, strings.TrimPrefix(str("url"), "https://"))
		set("arn", id)
	case "aws:s3/bucketV2:BucketV2":
		id = str("bucket")
		if id == "" {
			id = strings.ToLower(autoName(name, urn))
			set("bucket", id)
		}
		set("arn", "arn:aws:s3:::"+id)
		set("bucketDomainName", id+".s3.amazonaws.com")
		set("bucketRegionalDomainName", fmt.Sprintf("%s.s3.%s.amazonaws.com", id, region))
		set("region", region)
	case "aws:s3/bucketObjectv2:BucketObjectv2":
		id = str("key")
		body := []byte(str("content"))
		if b64 := str("contentBase64"); b64 != "" {
			body, _ = base64.StdEncoding.DecodeString(b64)
		}
		sum := md5.Sum(body)
		set("etag", hex.EncodeToString(sum[:]))
	case "aws:cloudfront/originAccessControl:OriginAccessControl":
		nameOrAuto()
		id = "E" + token(urn, "id", upperAlnum, 13)
		set("etag", "E"+token(urn, "etag", upperAlnum, 13))
	case "aws:cloudtrail/trail:Trail":
		id = nameOrAuto()
		set("arn", fmt.Sprintf("arn:aws:cloudtrail:%s:%s:trail/%s", region, Account, id))
		set("homeRegion", region)
	case "aws:lambda/function:Function":
		id = nameOrAuto()
		set("arn", fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", region, Account, id))
		set("invokeArn", fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/arn:aws:lambda:%s:%s:function:%s/invocations", region, region, Account, id))
		set("qualifiedArn", fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s:$LATEST", region, Account, id))
		set("version", "$LATEST")
	case "aws:lambda/permission:Permission":
		id = str("statementId")
		if id == "" {
			id = autoName(name, urn)
			set("statementId", id)
		}
	case "aws:cloudwatch/logGroup:LogGroup":
		id = nameOrAuto()
		set("arn", fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", region, Account, id))
	case "aws:cognito/identityProvider:IdentityProvider":
		id = str("userPoolId") + ":" + str("providerName")
		// Cognito adds provider details of its own on read (providertruth: IdentityProviderDetailsFilledByAWS).
		if v, ok := state["providerDetails"]; ok && v.IsObject() {
			details := v.ObjectValue().Copy()
			for k, val := range filledProviderDetails(str("providerType"), urn) {
				if _, set := details[resource.PropertyKey(k)]; !set {
					details[resource.PropertyKey(k)] = resource.NewStringProperty(val)
				}
			}
			state["providerDetails"] = resource.NewObjectProperty(details)
		}
	case "aws:cloudfront/distribution:Distribution":
		id = "E" + token(urn, "id", upperAlnum, 13)
		set("arn", fmt.Sprintf("arn:aws:cloudfront::%s:distribution/%s", Account, id))
		set("domainName", "d"+token(urn, "domain", lowerAlnum, 13)+".cloudfront.net")
		set("hostedZoneId", "Z2FDTNDATAQYW2")
		set("status", "Deployed")
	default:
		if strings.HasPrefix(typ, "aws:s3/bucket") {
			// Bucket sub-resources (policy, versioning, ...) are identified by their bucket.
			id = str("bucket")
		} else {
			id = name + "-" + token(urn, "id", hexDigits, 8)
		}
	}
	return id, state
}

// options reads the resource options from the register request.
func options(rpc *pulumirpc.RegisterResourceRequest) ResourceOptions {
	implied := map[string]bool{}
	for _, deps := range rpc.GetPropertyDependencies() {
		for _, u := range deps.GetUrns() {
			implied[u] = true
		}
	}
	var explicit []string
	for _, d := range rpc.GetDependencies() {
		if !implied[d] {
			explicit = append(explicit, d)
		}
	}
	slices.Sort(explicit)
	explicit = slices.Compact(explicit)

	var aliases []Alias
	for _, a := range rpc.GetAliases() {
		if u := a.GetUrn(); u != "" {
			aliases = append(aliases, Alias{URN: u})
			continue
		}
		if s := a.GetSpec(); s != nil {
			aliases = append(aliases, Alias{
				Name: s.GetName(), Type: s.GetType(), Parent: s.GetParentUrn(), Project: s.GetProject(), Stack: s.GetStack(),
			})
		}
	}
	return ResourceOptions{
		Protect:                 rpc.GetProtect(),
		RetainOnDelete:          rpc.GetRetainOnDelete(),
		DependsOn:               explicit,
		IgnoreChanges:           slices.Clone(rpc.GetIgnoreChanges()),
		Aliases:                 aliases,
		DeleteBeforeReplace:     rpc.GetDeleteBeforeReplace(),
		AdditionalSecretOutputs: slices.Clone(rpc.GetAdditionalSecretOutputs()),
	}
}

// filledProviderDetails are the provider details Cognito adds to an identity provider's on read, with
// values of their documented shape.
func filledProviderDetails(providerType, urn string) map[string]string {
	switch providerType {
	case "Google":
		return map[string]string{
			"attributes_url": "https://people.googleapis.com/v1/people/me?personFields=", "attributes_url_add_attributes": "true",
			"authorize_url": "https://accounts.google.com/o/oauth2/v2/auth", "oidc_issuer": "https://accounts.google.com",
			"token_request_method": "POST", "token_url": "https://www.googleapis.com/oauth2/v4/token",
		}
	case "OIDC":
		return map[string]string{
			"attributes_url_add_attributes": "false", "authorize_url": "https://idp.example/oauth2/v1/authorize",
			"token_url": "https://idp.example/oauth2/v1/token", "attributes_url": "https://idp.example/oauth2/v1/userinfo",
			"jwks_uri": "https://idp.example/oauth2/v1/keys",
		}
	case "SAML":
		return map[string]string{
			"ActiveEncryptionCertificate": "MIIC" + token(urn, "cert", mixedAlnum, 40),
			"SSORedirectBindingURI":       "https://idp.example/saml2/sso", "SLORedirectBindingURI": "https://idp.example/saml2/slo",
		}
	}
	return nil
}
