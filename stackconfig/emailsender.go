package stackconfig

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
)

// sesIdentityPattern is an SES identity ARN: a domain or an email address identity.
var sesIdentityPattern = regexp.MustCompile(`^arn:aws:ses:([a-z]{2}-[a-z]+-[0-9]+):([0-9]{12}):identity/(.+)$`)

var configurationSetPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

func parseEmailSender(v, region string, ps *problems) *EmailSender {
	var s EmailSender
	if err := decodeStrict(v, &s); err != nil {
		ps.add(KeyEmailSender, "", "is not an object {sesIdentityArn, from, replyTo, configurationSet}: "+err.Error(),
			"write it as an object with only those keys")
		return nil
	}
	at := func(field string) string { return KeyEmailSender + "." + field }

	identity := ""
	m := sesIdentityPattern.FindStringSubmatch(s.SESIdentityARN)
	switch {
	case s.SESIdentityARN == "":
		ps.add(at("sesIdentityArn"), "", "is required: Cognito sends through this verified SES identity",
			"verify a domain (or an address) in SES and give its ARN, arn:aws:ses:REGION:ACCOUNT:identity/example.org")
	case m == nil:
		ps.add(at("sesIdentityArn"), quote(s.SESIdentityARN), "is not an SES identity ARN",
			"use arn:aws:ses:REGION:ACCOUNT:identity/DOMAIN (or /ADDRESS), as the SES console shows it")
	default:
		identity = strings.ToLower(m[3])
		if region != "" {
			if allowed := SESRegionsFor(region); !slices.Contains(allowed, m[1]) {
				ps.add(at("sesIdentityArn"), quote(s.SESIdentityARN), fmt.Sprintf(
					"is in %s, but a user pool in %s can send only through SES in %s", m[1], region, strings.Join(allowed, " or ")),
					"verify the identity in SES in "+strings.Join(allowed, " or "))
			}
		}
	}

	addr, err := mail.ParseAddress(s.From)
	switch {
	case s.From == "":
		ps.add(at("from"), "", "is required: the sender of the invitations", `give an address of the identity, e.g. "IGV at Genomics Lab <igv@example.org>"`)
	case err != nil:
		ps.add(at("from"), quote(s.From), "is not an email address ("+err.Error()+")", `write "address" or "Name <address>"`)
	case identity != "" && !withinIdentity(strings.ToLower(addr.Address), identity):
		ps.add(at("from"), quote(s.From), "is not an address of the SES identity "+identity+", so SES would refuse to send",
			"use an address @"+strings.TrimPrefix(identity[strings.LastIndex(identity, "@")+1:], "@")+" (or the identity's own address)")
	}
	if s.ReplyTo != "" {
		if _, err := mail.ParseAddress(s.ReplyTo); err != nil || strings.Contains(s.ReplyTo, "<") {
			ps.add(at("replyTo"), quote(s.ReplyTo), "is not a plain email address", "give an address such as igv-support@example.org")
		}
	}
	if s.ConfigurationSet != "" && !configurationSetPattern.MatchString(s.ConfigurationSet) {
		ps.add(at("configurationSet"), quote(s.ConfigurationSet), "is not an SES configuration set name (1-64 letters, digits, _ and -)",
			"give the name of a configuration set of the identity's region")
	}
	return &s
}

// withinIdentity tells whether an address may send through an identity: the address itself for an
// address identity; any address of the domain, or of a subdomain, for a domain identity.
func withinIdentity(address, identity string) bool {
	if strings.Contains(identity, "@") {
		return address == identity
	}
	domain := address[strings.LastIndex(address, "@")+1:]
	return domain == identity || strings.HasSuffix(domain, "."+identity)
}

// SESRegionsFor lists the regions whose SES identities a user pool in region may send through: its own,
// and for pools in some older regions the three where Cognito first ran SES sending (Cognito developer
// guide, "Email settings for Amazon Cognito user pools", "Amazon SES email configuration Regions";
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html#user-pool-email-developer-region-mapping).
// A region the table does not list is taken to allow its own region only.
func SESRegionsFor(region string) []string {
	if extra, ok := sesLegacyRegions[region]; ok {
		out := []string{region}
		for _, r := range extra {
			if r != region {
				out = append(out, r)
			}
		}
		return out
	}
	return []string{region}
}

var legacySES = []string{"us-east-1", "us-west-2", "eu-west-1"}

// sesLegacyRegions are the pool regions that may also use the legacy SES regions.
var sesLegacyRegions = map[string][]string{
	"us-east-1": legacySES, "us-east-2": legacySES, "us-west-2": legacySES, "ca-central-1": legacySES,
	"ap-northeast-1": legacySES, "ap-northeast-2": legacySES, "ap-south-1": legacySES, "ap-southeast-1": legacySES,
	"ap-southeast-2": legacySES, "eu-west-1": legacySES, "eu-west-2": legacySES, "eu-central-1": legacySES,
}
